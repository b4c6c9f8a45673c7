"""The URL a request is for: its target (RFC 9112 §3.2) and its Host header.

An origin-form target (``/path?q``) takes its authority from the one Host header that an
HTTP/1.1 request must carry; an absolute-form target (``http://host/path``) brings its own,
which replaces Host. What cannot name one URL is refused (400): a missing Host on HTTP/1.1
or a repeated one on any version, a Host that is not a host and port (or one the URL
parser would refuse: a port past 65535, a bad IPv4 or IPv6 literal), a fragment, a
backslash (a URL parser reads it as "/", so ``/a\\..\\admin`` would reach the handler as
``/admin`` behind a proxy that matched it as written), a bad percent-encoding in the path,
the asterisk form outside OPTIONS, CONNECT (this server is no proxy).
"""

from __future__ import annotations

import ipaddress
import re


class BadTarget(ValueError):
    """The request does not name one URL; the message says why."""


#: A host and optional port as Host carries them (RFC 3986 §3.2.2): an IP literal or a
#: reg-name of unreserved and sub-delim characters; no userinfo, path, list ("," too),
#: percent-encoding or whitespace.
_AUTHORITY = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+;=]*)(?::(\d*))?$")
#: A reg-name whose last label is a number is an IPv4 address to a URL parser.
_NUMERIC_END = re.compile(r"(?:^|\.)(?:\d+|0[xX][0-9A-Fa-f]*)\.?$")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_DOTTED_QUAD = re.compile(rf"^(?:{_OCTET}\.){{3}}{_OCTET}\.?$")
_ABSOLUTE = re.compile(r"^(https?)://([^/?#]*)(.*)$", re.I)
#: A "%" not followed by two hex digits.
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_VALID_HOSTS: set[str] = set()


def _is_authority(value: str) -> bool:
    m = _AUTHORITY.match(value)
    if m is None:
        return False
    host, port = m.groups()
    if port is not None and (not host or (port and int(port) > 65535)):
        return False
    if host[:1] == "[":
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return True
    if _NUMERIC_END.search(host) and not _DOTTED_QUAD.match(host):
        return False
    if "xn--" in host.lower():  # an IDNA label must decode to a non-ASCII name
        for label in host.lower().split("."):
            if label.startswith("xn--"):
                try:
                    name = label[4:].encode("ascii").decode("punycode")
                except UnicodeError:
                    return False
                if name.isascii() or not name.isprintable():
                    return False
    return True


def request_url(
    method: str, target: str, hosts: list[str], http11: bool, default_host: str
) -> tuple[str, str]:
    """(the request's absolute URL, its path and query) or ``BadTarget``."""
    if method == "CONNECT":
        raise BadTarget("CONNECT is not supported: this server is not a proxy")
    if "#" in target:
        raise BadTarget("the request target has a fragment")
    if "\\" in target:
        raise BadTarget("the request target has a backslash")
    if len(hosts) != 1 and (hosts or http11):
        raise BadTarget("a request may have one Host header only" if hosts else "no Host header")
    host = hosts[0] if hosts else ""
    if host and host not in _VALID_HOSTS:
        if not _is_authority(host):
            raise BadTarget(f"the Host header is not a host and port: {host!r}")
        if len(_VALID_HOSTS) < 256:  # a server sees few distinct Host values
            _VALID_HOSTS.add(host)
    if target[:1] == "/":  # origin-form: nearly every request
        if "%" in target and _BAD_PERCENT.search(target.partition("?")[0]):
            raise BadTarget("the request target's path has a bad percent-encoding")
        return f"http://{host or default_host}{target}", target
    absolute = _ABSOLUTE.match(target)
    if absolute:
        scheme, authority, rest = absolute.groups()
        if not authority or not _is_authority(authority):
            raise BadTarget(f"the request target's authority is not a host and port: {authority!r}")
        path = rest if rest.startswith("/") else "/" + rest
        if "%" in path and _BAD_PERCENT.search(path.partition("?")[0]):
            raise BadTarget("the request target's path has a bad percent-encoding")
        return f"{scheme.lower()}://{authority}{path}", path
    if target == "*":
        if method != "OPTIONS":
            raise BadTarget("the asterisk-form target is for OPTIONS only")
        return f"http://{host or default_host}/", "*"
    raise BadTarget("the request target is not a path")
