"""What a patient sees from the shipped Responder, for the triage tests that assert on the reply."""

from __future__ import annotations

from bot.core import replies
from bot.core.pipeline import Reply, Responder


def sees(responder: Responder, *messages: str) -> Reply:
    """The reply to the last message, the ones before it read as the chat's earlier messages."""
    *earlier, last = messages
    return responder.respond(last, earlier=tuple(earlier))


def is_crisis(responder: Responder, reply: Reply) -> bool:
    """The crisis reply (to the writer or to a carer), not the symptom one."""
    faq = responder.faq
    return reply.kind == "emergency" and reply.text in {
        replies.urgent_text(faq, self_harm=True, someone_else=s) for s in (False, True)
    }
