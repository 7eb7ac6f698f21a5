"""The department's own pages: home, about and the sections below it.

By section: ``base`` (what every department page shares), ``home``, ``about`` (and the
standard pages), ``history``, ``lectureship``, ``strategic_plan``, ``dei`` and ``alumni``.
"""

from pages.models.about import AboutPage, StandardPage
from pages.models.alumni import AlumniPage, AlumniSpotlight
from pages.models.base import DepartmentPage
from pages.models.dei import DEIInitiative, DEIPage
from pages.models.history import HistoryMilestone, HistoryPage
from pages.models.home import HomePage
from pages.models.lectureship import LectureshipPage
from pages.models.strategic_plan import StrategicGoal, StrategicPlanPage

__all__ = [
    "AboutPage",
    "AlumniPage",
    "AlumniSpotlight",
    "DEIInitiative",
    "DEIPage",
    "DepartmentPage",
    "HistoryMilestone",
    "HistoryPage",
    "HomePage",
    "LectureshipPage",
    "StandardPage",
    "StrategicGoal",
    "StrategicPlanPage",
]
