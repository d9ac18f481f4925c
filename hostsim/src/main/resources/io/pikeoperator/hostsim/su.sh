#!/bin/bash
# su, as the host twin models it: runs a command as another user of this host. The twin runs every process as
# root; the user travels in TWIN_USER so that the modelled tools (keystone-manage, nova-manage, ...) act as it.
shell=
cmd=
user=root
while [ $# -gt 0 ]; do
  case "$1" in
    -s|--shell) shell=$2; shift 2 ;;
    -c|--command) cmd=$2; shift 2 ;;
    -|-l|--login|-m|-p) shift ;;
    -*) echo "su: invalid option -- '${1#-}'" >&2; exit 1 ;;
    *) user=$1; shift ;;
  esac
done
entry=$(grep "^${user}:" /etc/passwd)
if [ -z "$entry" ]; then
  echo "su: user $user does not exist" >&2
  exit 1
fi
if [ -z "$shell" ]; then
  shell=${entry##*:}
fi
if [ "$shell" = /sbin/nologin ] || [ "$shell" = /usr/sbin/nologin ]; then
  echo "This account is currently not available."
  exit 1
fi
export TWIN_USER=$user
if [ -n "$cmd" ]; then
  exec "$shell" -c "$cmd"
fi
exec "$shell"
