from django.db import models

from roles.models import RoleItem


class Certification(RoleItem):
    name = models.CharField("name", max_length=200)
    description = models.TextField("description", blank=True)

    class Meta(RoleItem.Meta):
        app_label = "list_type"
        default_related_name = "certifications"
