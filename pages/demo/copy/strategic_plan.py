"""The Strategic Plan page: the seed's four goals, which the About page lists too."""

PAGE = {
    "slug": "strategic-plan",
    "title": "Strategic Plan",
    "intro": "As a result of a robust, collaborative planning process, DLHS completed its first "
    "departmental strategic plan in 2017 and is now updating its goals.",
    "plan_year": 2017,
    "goals_note": "All of these goals are of high and equal importance to the success of DLHS.",
}

GOALS = [
    "Promote targeted growth and expansion of DLHS research.",
    "Achieve sustainability of the department's educational programs.",
    "Advance DLHS faculty and staff as leaders and innovators in a department that stands out "
    "nationwide for its unique mission and research expertise. Continue to develop and refine "
    "the department's identity as a basic science department.",
    "Promote diversity, equity, and inclusion within DLHS.",
]

# The seed says the plan "is now updating its goals": every goal is still being worked on.
GOAL_STATUS = "ongoing"
