-- Argo CD health check for pikeoperator.io/v1alpha1 ControllerNode (Argo CD runs it with Lua 5.1).
-- Suspended: its cluster is paused (status.message starts with "paused:"). Healthy: Ready is True.
-- Degraded: phase Failed or Degraded, or a service condition False for a reason that is not a wait.
-- Progressing: no status yet, provisioning or waiting.
local hs = {}
local waiting = {WaitingForComputes = true, WaitingForController = true, WaitingForPasswords = true,
  NotReached = true, NotYetEvaluated = true}
local status = obj.status
if status ~= nil and status.message ~= nil and string.sub(status.message, 1, 7) == "paused:" then
  hs.status = "Suspended"
  hs.message = status.message
  return hs
end
if status == nil then
  hs.status = "Progressing"
  hs.message = "waiting for the operator to report status"
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and status.observedGeneration ~= nil
    and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local ready = nil
local failed = nil
if status.conditions ~= nil then
  for _, c in ipairs(status.conditions) do
    if c.type == "Ready" then
      ready = c
    elseif failed == nil and c.status == "False" and waiting[c.reason or ""] == nil then
      failed = c
    end
  end
end
local summary = status.message
if ready ~= nil and ready.message ~= nil then
  summary = ready.message
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = summary or "ready"
  return hs
end
if failed ~= nil then
  hs.status = "Degraded"
  hs.message = failed.type .. ": " .. (failed.message or failed.reason or "")
  return hs
end
if status.phase == "Failed" or status.phase == "Degraded" then
  hs.status = "Degraded"
  hs.message = summary or ("phase " .. status.phase)
  return hs
end
hs.status = "Progressing"
hs.message = summary or ("phase " .. (status.phase or "Pending"))
return hs
