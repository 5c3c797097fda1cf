from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    """A role's article, put together from roles, metrics and salaries."""

    name = "articles"
    verbose_name = _("Articles")
