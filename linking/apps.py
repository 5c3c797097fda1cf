from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkingConfig(AppConfig):
    """What knowledge bases link with: oEmbed, the sitemap, robots.txt and the guide."""

    name = "linking"
    verbose_name = _("Linking")
