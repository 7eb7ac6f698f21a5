"""The People directory: its roles and programs, and the three people the seed's stories name."""

INDEX = {
    "slug": "people",
    "title": "People",
    "intro": "Faculty, staff, students and alumni of the Department of Learning Health Sciences.",
    "show_in_menus": True,
}

# (name, plural name), in the directory's order.
ROLES = [
    ("Faculty", "Faculty"),
    ("Staff", "Staff"),
    ("Student", "Students"),
    ("Alumni", "Alumni"),
]

PROGRAMS = [
    {
        "slug": "hils-ms",
        "name": "Health Infrastructures and Learning Systems (HILS) Master's",
        "short_name": "HILS MS",
    },
    {
        "slug": "hils-phd",
        "name": "Health Infrastructures and Learning Systems (HILS) PhD",
        "short_name": "HILS PhD",
    },
    {"slug": "mhpe", "name": "Master of Health Professions Education", "short_name": "MHPE"},
]

# The seed has no photographs of people: each gets a silhouette on their own colour.
PORTRAIT = {
    "title": "Portrait placeholder: {name}",
    "alt": "Placeholder silhouette in place of a photograph of {name}.",
}

# Each person: page fields, role slugs, program slug, research interests, portrait colour.
# The short bio is also the profile's biography.
PEOPLE = [
    {
        "slug": "helen-k-morgan",
        "title": "Helen K. Morgan",
        "family_name": "Morgan",
        "degrees": "M.D.",
        "roles": ["faculty"],
        "job_title": "Clinical Professor of Obstetrics and Gynecology and Learning Health Sciences",
        "short_bio": "Faculty chair-elect for women’s careers in the Medical School; she becomes "
        "chair in January 2026.",
        "interests": ["medical education", "women in medicine"],
        "colour": (31, 63, 102),
    },
    {
        "slug": "patrick-lewicki",
        "title": "Patrick Lewicki",
        "family_name": "Lewicki",
        "roles": ["student"],
        "program": "hils-ms",
        "job_title": "HILS Master’s student",
        "short_bio": "HILS Master’s student who published on learning health systems in low "
        "resource settings.",
        "interests": ["learning health systems", "low resource settings"],
        "colour": (0, 84, 140),
    },
    {
        "slug": "katie-lynch",
        "title": "Katie Lynch",
        "family_name": "Lynch",
        "roles": ["student"],
        "program": "hils-phd",
        "job_title": "HILS PhD candidate",
        "short_bio": "HILS PhD candidate, named a Center for Native American Youth (CNAY) 2025 "
        "Champion for Change.",
        "interests": ["Native American youth", "health equity"],
        "colour": (91, 42, 134),
    },
]
