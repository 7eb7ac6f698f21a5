"""schema.org data about stories, for the JSON-LD in a story's <head>."""

from django.utils.html import strip_tags

from dlhs import seo


def news_article(story, request):
    url = story.get_full_url(request)
    department = seo.department(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": story.date.isoformat(),
        "description": " ".join(strip_tags(story.teaser).split()),
        "publisher": department,
    }
    if story.last_published_at:
        data["dateModified"] = story.last_published_at.isoformat()
    image = seo.image_url(request, story.hero_image)
    if image:
        data["image"] = [image]
    # The department tells the story; the people in it are what it is about.
    data["author"] = department
    people = story.people(request)
    if people:
        data["about"] = [
            {
                "@type": "Person",
                "name": person["title"],
                "url": request.build_absolute_uri(person["url"]),
            }
            for person in people
        ]
    if story.category_id:
        data["articleSection"] = story.category.name
    keywords = [tag.name for tag in story.tag_list]
    if keywords:
        data["keywords"] = keywords
    if story.source_url:
        data["isBasedOn"] = story.source_url
    return data
