"""Sending a request by SMTP: the server from the settings, the password from the keyring."""

from __future__ import annotations

import base64
import smtplib
import ssl
from email.message import EmailMessage

from app.errors import UserError
from app.requests.compose import ComposedRequest
from app.settings import Settings

SMTP_TIMEOUT_SECONDS = 30


def build_message(request: ComposedRequest, sender: str) -> EmailMessage:
    """The e-mail: the readable text as the body, the JSON request attached for the portal."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = request.recipient
    message["Subject"] = request.subject
    if str(message["Subject"]) != request.subject:
        raise UserError(
            "the request's subject cannot be sent as it is (it holds e-mail header syntax): "
            "save it as a file for the portal instead"
        )
    message.set_content(request.body)
    message.add_attachment(
        request.document().encode("utf-8"),
        maintype="application",
        subtype="json",
        filename=f"{request.kind.value}-request.json",
    )
    return message


def _login(server: smtplib.SMTP, username: str, password: str) -> None:
    """Logs in; smtplib encodes credentials as ASCII, so others go as UTF-8 AUTH PLAIN (RFC 4616)."""
    if username.isascii() and password.isascii():
        server.login(username, password)
        return
    server.ehlo_or_helo_if_needed()
    credentials = base64.b64encode(f"\0{username}\0{password}".encode()).decode("ascii")
    code, reply = server.docmd("AUTH", f"PLAIN {credentials}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def send_by_smtp(request: ComposedRequest, settings: Settings, password: str | None) -> None:
    """Sends one request; every failure becomes one line saying what to check."""
    if not settings.smtp_host:
        raise UserError("no SMTP server is set: enter one in Settings, or send by mail client")
    sender = settings.smtp_sender or settings.smtp_username
    if not sender:
        raise UserError("no sender address is set for SMTP: enter one in Settings")
    message = build_message(request, sender)
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        server: smtplib.SMTP
        if settings.smtp_security == "ssl":
            server = smtplib.SMTP_SSL(
                settings.smtp_host,
                settings.smtp_port,
                timeout=SMTP_TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )
        else:
            server = smtplib.SMTP(
                settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS
            )
        with server:
            if settings.smtp_security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                if password is None:
                    raise UserError(
                        "the SMTP password is not saved: enter it in Settings (it is kept in the "
                        "OS keyring)"
                    )
                _login(server, settings.smtp_username, password)
            server.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise UserError(f"the SMTP server {where} refused the user name or password") from None
    except smtplib.SMTPNotSupportedError:
        raise UserError(
            f"the SMTP server {where} does not offer STARTTLS: choose SSL or no encryption in Settings"
        ) from None
    except smtplib.SMTPRecipientsRefused:
        raise UserError(
            f"the SMTP server {where} refused the recipient {request.recipient}"
        ) from None
    except smtplib.SMTPException as exc:
        raise UserError(f"the SMTP server {where} failed: {exc}") from None
    except ssl.SSLError as exc:
        raise UserError(f"a secure connection to {where} failed: {exc.reason}") from None
    except OSError as exc:
        raise UserError(f"cannot reach the SMTP server {where}: {exc.strerror or exc}") from None
