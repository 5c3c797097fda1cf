"""Read API, v1: one role's whole article."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Status
from pydantic import create_model

from articles.loader import load_article
from articles.parts import PARTS
from content.api import Error, in_language
from content.languages import CODES
from content.schemas import absolute
from roles.api import published_key
from roles.schemas import RoleHead

router = Router(tags=["roles"])


class RoleArticle(RoleHead):
    @staticmethod
    def resolve_alternates(obj, context):
        return {code: absolute(context, f"/{code}/roles/{obj.slug}/") for code in CODES}


# The role's head, and a list per part of its article, in each part's own shape.
RoleOut = create_model(
    "RoleOut",
    __base__=RoleArticle,
    **{
        part.public_name: (list[part.api_schema()], Field(..., validation_alias=part.name))
        for part in PARTS
        if part.api_schema()
    },
)


@router.get("/roles/{slug}", response={200: RoleOut, 400: Error, 404: Error}, summary="One role")
@in_language
def role_detail(request, slug: str, language):
    key = published_key(slug)
    if key is None:
        return Status(404, {"error": _("There is no role %(slug)s.") % {"slug": repr(slug)}})
    return load_article(key, language)
