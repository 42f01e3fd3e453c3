"""The e-mail fallback: a short text and HTML message with a link, over SMTP."""

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from markupsafe import escape

HTML = """<!doctype html>
<html><body>
<h1 style="font-size:20px">{title}</h1>
<p>{intro}</p>
<p><a href="{url}">{link}</a></p>
<p style="color:#555">{why}</p>
</body></html>
"""


def build(address: str, parts: dict, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = f"Steg: {parts['title']}"
    msg["From"] = sender
    msg["To"] = address
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "steg")
    msg["Auto-Submitted"] = "auto-generated"
    text = "\n\n".join(
        [parts["title"], parts["intro"], f"{parts['link']}: {parts['url']}", parts["why"]]
    )
    msg.set_content(text + "\n")
    msg.add_alternative(HTML.format(**{k: escape(v) for k, v in parts.items()}), subtype="html")
    return msg


def send(address: str, parts: dict, config) -> None:
    msg = build(address, parts, config["MAIL_FROM"])
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=15) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        smtp.send_message(msg)
