"""linking has no translated fields; its history is registered here, where every app
registers its own (modeltranslation imports each app's translation module at start-up)."""

import simple_history

from linking.models import EmbedOrigin

simple_history.register(EmbedOrigin)
