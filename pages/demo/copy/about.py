"""The About page: every section of the client's About page, in the seed's order."""

from pages.demo.copy import alumni, history, lectureship, news, strategic_plan

PAGE = {
    "slug": "about",
    "title": "About Learning Health Sciences",
    "eyebrow": "Explore The Concept of Learning",
    "intro": "Join us in revolutionizing learning and transforming health.",
    "show_in_menus": True,
    "mission": (
        "<p>The Department of Learning Health Sciences (DLHS), a basic science department "
        "in the University of Michigan Medical School, focuses on revolutionizing "
        "learning and transforming health through the advancement of the sciences that "
        "make learning effective, routine, and sustainable—at scales from individuals "
        "to systems that span states and nations.</p>"
    ),
    "vision": (
        "<p>The Department of Learning Health Sciences embraces a bold and transcendent "
        "vision of learning.</p>"
        "<p>Once exclusively associated with attaining knowledge and skills by "
        "individuals, entities that learn now can be individuals, groups, organizations, "
        "regions, states, and entire nations. Once restricted to a specific time and "
        "location, learning occurs continuously everywhere.</p>"
        "<p>Learning is no longer an activity with a single endpoint but a critical "
        "element of a virtuous continuous improvement cycle.</p>"
    ),
}

HERO_IMAGE = {
    "title": "Collaborative group discussion",
    "alt": "A collaborative group discussion in a professional setting, with participants "
    "actively engaging in problem-solving at a whiteboard and taking notes at a table.",
    "scene": "group_discussion",
}

LEARNING_HEALTH_SYSTEM_LOOP = {
    "centre": "Health Problem of Interest to a Learning Community",
    # The seed shows the three stages only in its picture; their names are the LHS loop's.
    "stages": [
        {
            "name": "Performance to Data",
            "text": "Data are assembled from ongoing health care encounters as they happen.",
        },
        {
            "name": "Data to Knowledge",
            "text": "The data are aggregated and analyzed to learn from each encounter.",
        },
        {
            "name": "Knowledge to Performance",
            "text": "New knowledge is incorporated into practice to improve health and "
            "health care.",
        },
    ],
    "description": (
        "The Learning Health System loop is a cyclical framework with three main "
        "sections. Each section uses data from ongoing health care encounters and "
        "continuously aggregates, analyzes, and learns from each encounter, to "
        "incorporate new knowledge into practice for improvements in health and "
        "health care. The analyzing and learning process creates a natural "
        "feedback loop."
    ),
}

# The seed's teasers for the pages below About: the same sentence opens each page.
SECTION_CARDS = [
    {"title": "Alumni", "text": alumni.PAGE["intro"], "link": {"page": "alumni"}},
    {"title": "History", "text": history.PAGE["intro"], "link": {"page": "history"}},
    {
        "title": lectureship.PAGE["title"],
        "text": lectureship.PAGE["intro"],
        "link": {"page": "lectureship"},
    },
]

LEARNING_CULTURE = {
    "heading": "Our Learning Culture",
    "text": (
        "<p>Learning is predicated on and sustained by a set of values that groups, "
        "organizations, and systems can share. In its broader sense, learning can be "
        "viewed as a field of trans-disciplinary scientific investigation.</p>"
        "<p>This field, known as the learning sciences, delves deep into the "
        "understanding of learning processes and their supporting infrastructures "
        "across various levels of scale. It is a rich intellectual tapestry that brings "
        "together behavioral, social, implementation, and organizational science; "
        "cognitive and information science; ethics and policy science, and other "
        "fields, creating a complex and comprehensive understanding of learning.</p>"
        "<p>In DLHS, the learning culture values an openness to new information and a "
        "readiness to change on that basis rapidly.</p>"
    ),
}

COMPARISON = {
    "caption": "How the DLHS vision of learning differs from prior conceptualizations",
    "headings": ["Prior conceptualizations of learning", "The DLHS vision of learning"],
    "rows": [
        [
            "Learning is focused on individuals",
            "Learning can occur in individuals, groups, organizations, systems, regions, "
            "states, nations (at any level of scale)",
        ],
        [
            "Learning occurs at a specific time and location",
            "Learning occurs everywhere and continuously",
        ],
        [
            "Learning is an activity with known endpoints",
            "Learning is a product of a virtuous cycle of continuous improvement",
        ],
        [
            "Learning occurs in bounded settings, which limits diffusion across wider groups",
            "Learning is supported by infrastructure for rapid and efficient sharing of "
            "knowledge across groups",
        ],
        [
            "Learning is viewed as a burden or kind of overhead",
            "Learning is embedded in routine practice as a culture unto itself",
        ],
    ],
}

APPROACH = {
    "heading": "Our Approach",
    "text": (
        "<p>There is a critical question at the heart of the learning health sciences "
        "philosophy: How do we expedite the data-driven transformation of a system that "
        "encompasses over one-sixth of a nation's economy and is responsible for the "
        "health and welfare of the entire population? We believe the answer lies in "
        "Learning Health Systems.</p>"
    ),
}

WEBINAR = {
    "title": "Essence of Learning Health Systems",
    "description": 'Learn more in our "Essence of Learning Health Systems" webinar.',
    # The seed gives no video file: the block links to where the department hosts it.
    "link": {
        "link_url": "https://medicine.umich.edu/dept/lhs",
        "label": "Find the webinar on the department's website",
    },
}

PLAN_AND_DEI = {
    "heading": "Strategic Plan & DEI Initiatives",
    "text": f"<p>{strategic_plan.PAGE['intro']} The department continues to be guided by the "
    "following goals:</p>",
    "cards": [
        {
            "title": "Explore our DEI Initiatives",
            "text": "How the department promotes diversity, equity, and inclusion within DLHS.",
            "link": {"page": "dei"},
        },
        {
            "title": "Read the strategic plan",
            "text": "The four goals of the departmental strategic plan and the progress on each.",
            "link": {"page": "strategic_plan"},
        },
    ],
}


def heading(text):
    return ("heading", {"heading_text": text, "level": "h2"})


BODY = [
    ("cycle_diagram", LEARNING_HEALTH_SYSTEM_LOOP),
    ("link_cards", {"heading": "", "cards": SECTION_CARDS}),
    heading(LEARNING_CULTURE["heading"]),
    ("paragraph", LEARNING_CULTURE["text"]),
    (
        "comparison_table",
        {
            "intro": "",
            "table": {
                "caption": COMPARISON["caption"],
                "columns": [{"type": "text", "heading": text} for text in COMPARISON["headings"]],
                "rows": [{"values": row} for row in COMPARISON["rows"]],
            },
        },
    ),
    heading(APPROACH["heading"]),
    ("paragraph", APPROACH["text"]),
    ("video", {**WEBINAR, "video": None}),
    heading(PLAN_AND_DEI["heading"]),
    ("paragraph", PLAN_AND_DEI["text"]),
    (
        "goals",
        {
            "heading": "",
            "goals": [{"title": goal, "description": ""} for goal in strategic_plan.GOALS],
            "note": strategic_plan.PAGE["goals_note"],
        },
    ),
    ("link_cards", {"heading": "", "cards": PLAN_AND_DEI["cards"]}),
    news.FEATURED_NEWS,
]
