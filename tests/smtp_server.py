"""A real SMTP server on a loopback port (aiosmtpd), for the tests, the browser tests and
bench/outreach.py: it keeps every message it accepts, and refuses for good (550) any recipient
whose address starts with "bounce", so a bounce can be produced on demand; `refuse_next(n)` makes
it refuse the next n recipients for now (451), as a busy server does."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    refusals: int = 0  # recipients still to refuse for now (451)

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


class _Handler:
    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address.lower().startswith("bounce"):
            return "550 5.1.1 No such mailbox"
        with self.received.lock:
            if self.received.refusals > 0:
                self.received.refusals -= 1
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.received.lock:
            self.received.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted"


class SMTPServer:
    """`with SMTPServer() as smtp:` … `smtp.port`, `smtp.received`."""

    def __init__(self, port: int | None = None) -> None:
        from aiosmtpd.controller import Controller

        self.port = port or free_port()
        self.received = Received()
        self._controller = Controller(_Handler(self.received), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SMTPServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

    def refuse_next(self, count: int) -> None:
        """Refuse the next `count` recipients with a temporary error (451)."""
        with self.received.lock:
            self.received.refusals = count

    def config(self) -> dict:
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_USE_TLS": False,
                "MAIL_DEFAULT_SENDER": "Portail 211 <noreply@211.example.org>"}
