"""schema.org data about people, for the JSON-LD in a profile's <head>."""


def person(page, profile_url, organisation=(), photo_url=""):
    """A schema.org Person for ``page``; ``organisation`` is (parent, …, department)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": page.title,
        "familyName": page.family_name,
        "url": profile_url,
    }
    optional = {
        "honorificSuffix": page.degrees,
        "jobTitle": page.job_title,
        "description": page.short_bio,
        "email": page.email and f"mailto:{page.email}",
        "telephone": page.phone,
        "image": photo_url,
        "knowsAbout": [tag.name for tag in page.interest_list],
        "sameAs": [
            url
            for url in (
                page.orcid_url,
                page.google_scholar_url,
                page.linkedin_url,
                page.website_url,
            )
            if url
        ],
    }
    data.update({key: value for key, value in optional.items() if value})
    if organisation:
        data["worksFor"] = {"@type": "Organization", "name": organisation[-1]}
        if len(organisation) > 1:
            data["worksFor"]["parentOrganization"] = {
                "@type": "Organization",
                "name": organisation[0],
            }
    if page.program_id and "alumni" in page.role_slugs():
        data["alumniOf"] = {"@type": "EducationalOrganization", "name": page.program.name}
    return data
