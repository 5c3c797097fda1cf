"""History for every part of a role's article.

Registered here, once modeltranslation has added the columns of every language (each app's
translation.py runs before this one, as INSTALLED_APPS lists articles after them), so that
each historical record keeps all five languages.
"""

import simple_history

from articles.parts import PARTS

for part in PARTS:
    simple_history.register(part.model)
