"""The department's people: faculty, staff, students and alumni, each with a profile page.

By subject: ``vocabularies`` (the roles and programs editors keep), ``person`` (the
directory and the profiles) and ``alumni_form`` (“Share your news”).
"""

from people.models.alumni_form import AlumniUpdateFormField, AlumniUpdateFormPage
from people.models.person import (
    BIO_FEATURES,
    PeopleIndexPage,
    PersonAppointment,
    PersonPage,
    PersonPageManager,
    PersonPageQuerySet,
    ResearchInterestTag,
    orcid_validator,
)
from people.models.vocabularies import PersonRole, Program

__all__ = [
    "BIO_FEATURES",
    "AlumniUpdateFormField",
    "AlumniUpdateFormPage",
    "PeopleIndexPage",
    "PersonAppointment",
    "PersonPage",
    "PersonPageManager",
    "PersonPageQuerySet",
    "PersonRole",
    "Program",
    "ResearchInterestTag",
    "orcid_validator",
]
