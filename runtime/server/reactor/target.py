"""The URL a request is for: its target (RFC 9112 §3.2) and its Host header.

An origin-form target (``/path?q``) takes its authority from the one Host header that an
HTTP/1.1 request must carry; an absolute-form target (``http://host/path``) brings its own,
which replaces Host. What cannot name one URL is refused (400): a missing or repeated Host
on HTTP/1.1, a Host that is not a host and port, a fragment, the asterisk form outside
OPTIONS, CONNECT (this server is no proxy).
"""

from __future__ import annotations

import re


class BadTarget(ValueError):
    """The request does not name one URL; the message says why."""


#: A host and optional port as Host carries them: no userinfo, path, list or whitespace.
_AUTHORITY = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@\[\],\\]+)(?::\d*)?$")
_ABSOLUTE = re.compile(r"^(https?)://([^/?#]*)(.*)$", re.I)
_VALID_HOSTS: set[str] = set()


def request_url(
    method: str, target: str, hosts: list[str], http11: bool, default_host: str
) -> tuple[str, str]:
    """(the request's absolute URL, its path and query) or ``BadTarget``."""
    if method == "CONNECT":
        raise BadTarget("CONNECT is not supported: this server is not a proxy")
    if "#" in target:
        raise BadTarget("the request target has a fragment")
    if http11 and len(hosts) != 1:
        raise BadTarget("an HTTP/1.1 request needs exactly one Host header" if hosts else "no Host header")
    host = hosts[0] if hosts else ""
    if host and host not in _VALID_HOSTS:
        if not _AUTHORITY.match(host):
            raise BadTarget(f"the Host header is not a host and port: {host!r}")
        if len(_VALID_HOSTS) < 256:  # a server sees few distinct Host values
            _VALID_HOSTS.add(host)
    if target[:1] == "/":  # origin-form: nearly every request
        return f"http://{host or default_host}{target}", target
    absolute = _ABSOLUTE.match(target)
    if absolute:
        scheme, authority, rest = absolute.groups()
        if not _AUTHORITY.match(authority):
            raise BadTarget(f"the request target's authority is not a host and port: {authority!r}")
        path = rest if rest.startswith("/") else "/" + rest
        return f"{scheme.lower()}://{authority}{path}", path
    if target == "*":
        if method != "OPTIONS":
            raise BadTarget("the asterisk-form target is for OPTIONS only")
        return f"http://{host or default_host}/", "*"
    raise BadTarget("the request target is not a path")
