"""Reads INI files with the real oslo.config, as a service does, for OsloConfigContractIT.

stdin: {"files": [{"path": ..., "opts": [[group, name], ...]}]}; every option is registered as a StrOpt
(group DEFAULT: top level) and read with ConfigOpts(args=[], default_config_files=[path]).
stdout: {"version": ..., "results": [{"values": {"group/name": value}, "errors": {"group/name": error},
"url_passwords": {"group/name": unquoted password of a URL value}, "parse_error": ...}]}
"""
import json
import sys
from importlib.metadata import version
from urllib.parse import unquote, urlsplit

from oslo_config import cfg

spec = json.load(sys.stdin)
results = []
for f in spec["files"]:
    conf = cfg.ConfigOpts()
    for group, name in f["opts"]:
        conf.register_opt(cfg.StrOpt(name), group=None if group == "DEFAULT" else group)
    res = {"values": {}, "errors": {}, "url_passwords": {}}
    try:
        conf(args=[], default_config_files=[f["path"]])
    except Exception as e:  # a file the service would refuse
        res["parse_error"] = "%s: %s" % (type(e).__name__, e)
        results.append(res)
        continue
    for group, name in f["opts"]:
        key = group + "/" + name
        try:
            value = conf[name] if group == "DEFAULT" else conf[group][name]
        except Exception as e:
            res["errors"][key] = "%s: %s" % (type(e).__name__, e)
            continue
        res["values"][key] = value
        if isinstance(value, str) and "://" in value and "@" in value:
            password = urlsplit(value).password
            if password is not None:
                res["url_passwords"][key] = unquote(password)
    results.append(res)
json.dump({"version": version("oslo.config"), "results": results}, sys.stdout)
