"""gunicorn's settings for Steg: ``gunicorn -c gunicorn.conf.py wsgi:app``.

``make run``, the test servers (tests/fixtures/servers.py) and production use it.

Forwarded headers are the app's business alone: ``STEG_PROXY_HOPS`` decides
(ProxyFix in app/__init__.py: client address, scheme and host from that many
proxies). gunicorn would otherwise take ``X-Forwarded-Proto`` (and
``X-Forwarded-Ssl``, ``X-Forwarded-Protocol``) on its own from 127.0.0.1 and from
any Unix-socket peer, whatever ``STEG_PROXY_HOPS`` says, so here it trusts nobody.
"""

forwarded_allow_ips = ""  # no peer may set the scheme or forwarder headers for gunicorn
secure_scheme_headers = {}  # and there are none to set (a Unix-socket peer is always trusted)
forwarder_headers = ""  # SCRIPT_NAME / PATH_INFO from a request header: never
