"""News & Stories: the seed's six featured stories, their categories and the news index."""

import datetime

INDEX = {
    "slug": "news",
    "title": "News & Stories",
    "intro": "News from the department, and stories about our work from Health Lab and Medical "
    "School News.",
    "show_in_menus": True,
}

# The block that shows the latest featured stories on the home and About pages.
FEATURED_NEWS = ("news_teaser", {"heading": "Featured News & Stories", "count": 6, "tag": ""})

CATEGORIES = [
    {"name": "Health Lab", "description": "Stories from Michigan Medicine's Health Lab."},
    {
        "name": "Department News",
        "description": "News from the Department of Learning Health Sciences.",
    },
    {
        "name": "Medical School News",
        "description": "News from the University of Michigan Medical School.",
    },
]

HEALTH_LAB = {
    "source_name": "Health Lab",
    "source_url": "https://www.michiganmedicine.org/health-lab",
}

# Each story: its page fields, its category's slug, its tags, the slugs of the people it is
# about (see people.py) and its picture. The teaser is also the story's body.
STORIES = [
    {
        "slug": "adults-dont-trust-health-care-to-use-ai-responsibly",
        "title": "Adults don’t trust health care to use AI responsibly and without harm",
        "date": datetime.date(2025, 10, 6),
        "category": "health-lab",
        "tags": ["AI", "research", "patient trust"],
        "teaser": "Research finds that adults surveyed had low trust in their health care system "
        "to use artificial intelligence responsibly and others had low trust in their health "
        "care systems to make sure an AI tool would not harm them.",
        "image": {
            "title": "Laptop with stethoscope",
            "alt": "Laptop graphic with stethoscope",
            "scene": "laptop_stethoscope",
        },
        **HEALTH_LAB,
    },
    {
        "slug": "kudos-to-patrick-lewicki-on-lhs-publication",
        "title": "Kudos to HILS Master’s student Patrick Lewicki on LHS publication",
        "date": datetime.date(2025, 9, 22),
        "category": "department-news",
        "tags": ["students", "HILS", "publications", "learning health systems"],
        "teaser": "Faculty and staff in the Department of Learning Health Sciences and the "
        "Health Infrastructures and Learning Systems (HILS) program congratulate HILS Master’s "
        "student, Patrick Lewicki for his recent publication about LHS in low resource "
        "settings.",
        "people": ["patrick-lewicki"],
    },
    {
        "slug": "diagnostic-stewardship-optimizes-detection-of-appendicitis",
        "title": "Diagnostic stewardship optimizes detection of appendicitis",
        "date": datetime.date(2025, 8, 27),
        "category": "health-lab",
        "tags": ["research", "diagnostic stewardship", "emergency care"],
        "teaser": "University of Michigan researchers found that emergency departments vary "
        "widely in how they balance the need to diagnose appendicitis with the potential harms "
        "of overtesting.",
        "image": {
            "title": "Child with stomach ache",
            "alt": "Little girl in pain with pink background touching stomach and seeing inside "
            "red",
            "scene": "child_stomach_ache",
        },
        **HEALTH_LAB,
    },
    {
        "slug": "helen-k-morgan-appointed-faculty-chair-elect-for-womens-careers",
        "title": "Helen K. Morgan, M.D., appointed faculty chair-elect for women’s careers",
        "date": datetime.date(2025, 7, 14),
        "category": "medical-school-news",
        "tags": ["faculty", "leadership", "women in medicine"],
        "teaser": "Helen K. Morgan, M.D., a clinical professor of obstetrics and gynecology and "
        "learning health sciences, has been appointed faculty chair-elect for women’s careers in "
        "the Medical School. The chair-elect is one of several new Medical School roles "
        "developed during the past year that focus on the advancement — and overall thriving — "
        "of women pursuing careers in academic medicine and science at Michigan Medicine. "
        "Morgan will become chair in January 2026, and after her term is complete, she will "
        "serve in an advisory role as post-chair in 2028-29",
        "source_name": "Medical School News",
        "source_url": "https://medicine.umich.edu/medschool/news",
        "people": ["helen-k-morgan"],
    },
    {
        "slug": "katie-lynch-named-cnay-2025-champion-for-change",
        "title": "HILS PhD student Katie Lynch named CNAY 2025 Champion for Change",
        "date": datetime.date(2025, 6, 30),
        "category": "department-news",
        "tags": ["students", "HILS", "awards"],
        "teaser": "The Department of Learning Health Sciences (DLHS) and the faculty and "
        "program staff of the Health Infrastructures and Learning Systems (HILS) congratulate "
        "PhD candidate, Katie Lynch on being named a Center for Native American Youth (CNAY) "
        "2025 Champion for Change.",
        "image": {
            "title": "Champion for Change award",
            "alt": "Illustration of a gold medal on a blue ribbon, for Katie Lynch's CNAY 2025 "
            "Champion for Change award",
            "scene": "award",
        },
        "people": ["katie-lynch"],
    },
    {
        "slug": "clinical-simulation-center-full-accreditation-from-acs",
        "title": "Clinical Simulation Center (CSC) gets full 5-year accreditation from ACS",
        "date": datetime.date(2025, 6, 2),
        "category": "department-news",
        "tags": ["simulation", "accreditation", "education"],
        "teaser": "Congratulations to the Clinical Simulation Center (CSC) team on receiving a "
        "full 5-year accreditation from the American College of Surgeons.",
        "image": {
            "title": "Simulation lab",
            "alt": "Illustration of a simulation lab: a training manikin on a hospital bed beside "
            "a patient monitor.",
            "scene": "simulation_lab",
        },
    },
]

# The feeds the Health Lab and Medical School News stories come from. Paused: the demo machine
# has no internet. Sample addresses: staff check the real feed address before switching one on.
STORY_SOURCES = [
    {
        "name": "Health Lab",
        "feed_url": "https://www.michiganmedicine.org/health-lab/rss.xml",
        "category": "health-lab",
        "tags": "Health Lab",
        "keywords": "learning health, AI, data, research",
    },
    {
        "name": "Medical School News",
        "feed_url": "https://medicine.umich.edu/medschool/news/rss.xml",
        "category": "medical-school-news",
        "tags": "Medical School",
        "keywords": "learning health sciences, DLHS",
    },
]
