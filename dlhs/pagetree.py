"""Where a page type of one app may stand in a tree built by an app above it."""

from wagtail.models import get_page_models


class PlacedByParent:
    """A page type whose parents are the page types that list it in their ``subpage_types``.

    people's and news's index pages stand under the home page of ``pages``, which sits above
    them: rather than name that page type (an upward reference), they let it say what it
    holds. Wagtail's rules for creating, moving and listing page types all read
    ``clean_parent_page_models``. A page type without ``subpage_types`` (which allows
    everything) does not count as naming it.
    """

    @classmethod
    def clean_parent_page_models(cls):
        return [
            model
            for model in get_page_models()
            if getattr(model, "subpage_types", None) is not None
            and cls in model.clean_subpage_models()
        ]
