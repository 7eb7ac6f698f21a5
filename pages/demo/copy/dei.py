"""The DEI Initiatives page: the seed gives only the strategic goal it serves."""

PAGE = {
    "slug": "dei",
    "title": "DEI Initiatives",
    "intro": "Promoting diversity, equity, and inclusion within DLHS is one of the department's "
    "four strategic goals.",
}

INITIATIVES = [
    {
        "title": "Diversity, equity and inclusion in the strategic plan",
        "description": "Promote diversity, equity, and inclusion within DLHS: a goal of high and "
        "equal importance to the department's success.",
    },
]
