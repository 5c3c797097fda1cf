from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkingConfig(AppConfig):
    """What knowledge bases link with: oEmbed, the sitemap, robots.txt, the guide, and the
    origins allowed to frame the cards."""

    name = "linking"
    verbose_name = _("Linking")

    def ready(self):
        from content.framing import allow_origins_from
        from linking.models import EmbedOrigin

        allow_origins_from(lambda: EmbedOrigin.objects.origins())
