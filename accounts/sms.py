"""SMS senders. The adapter calls ``get_sms_sender().send(phone, text)``; deployments plug in a gateway."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("lms.sms")

# Messages "sent" by OutboxSmsSender, for tests (like django.core.mail.outbox).
outbox = []


class ConsoleSmsSender:
    """Development sender: writes the message to the console log instead of sending it."""

    def send(self, phone, text):
        logger.info("SMS to %s: %s", phone, text)


class OutboxSmsSender:
    """Test sender: keeps messages in ``accounts.sms.outbox``."""

    def send(self, phone, text):
        outbox.append({"phone": phone, "text": text})


def get_sms_sender():
    return import_string(settings.LMS_SMS_SENDER)()
