"""The History page's timeline: only what the seed says; editors add the earlier history."""

PAGE = {
    "slug": "history",
    "title": "History",
    "intro": "Discover our work translating medical knowledge into better health and clinical "
    "performance.",
}

MILESTONES = [
    {
        "year": 2017,
        "title": "The first departmental strategic plan",
        "text": "<p>A robust, collaborative planning process produces the department's first "
        "strategic plan.</p>",
    },
    {
        "year": 2025,
        "title": "Clinical Simulation Center accredited",
        "text": "<p>The Clinical Simulation Center (CSC) receives a full 5-year accreditation "
        "from the American College of Surgeons.</p>",
    },
]
