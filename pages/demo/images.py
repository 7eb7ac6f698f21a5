"""Pictures for the demo site, drawn with Pillow so the demo needs no downloads.

Each drawing is simple but shows what its alt text says, so the alt text stays honest.
Editors replace them with the department's own photographs. The copy modules
(``pages.demo.copy``) name a drawing by its key in ``SCENES``; their alt text lives there.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

BLUE = (0, 39, 76)
MAIZE = (255, 203, 5)
PAPER = (246, 247, 249)
SKIN = [(141, 85, 36), (224, 172, 105), (255, 219, 172), (198, 134, 66), (92, 56, 33)]
SHIRTS = [(31, 63, 102), (163, 20, 13), (30, 107, 52), (91, 42, 134), (0, 84, 140)]


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Demo content").first()
    return existing or root.add_child(name="Demo content")


def demo_image(title, alt_text, painter, size=(1200, 800), credit="Demo illustration"):
    """Return the demo image called ``title``, drawing it the first time it is asked for."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", size, PAPER)
    painter(ImageDraw.Draw(canvas), *size)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85, optimize=True)
    filename = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:60] + ".jpg"
    image = Image(
        title=title,
        description=alt_text,
        credit=credit,
        collection=demo_collection(),
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=filename),
    )
    image.save()
    return image


def _person(draw, x, y, scale, skin, shirt):
    head = 34 * scale
    draw.ellipse([x - head, y - head, x + head, y + head], fill=skin)
    body_top = y + head + 6 * scale
    draw.rounded_rectangle(
        [x - 60 * scale, body_top, x + 60 * scale, body_top + 150 * scale],
        radius=int(40 * scale),
        fill=shirt,
    )


def paint_group_discussion(draw, width, height):
    """People around a table taking notes, one at a whiteboard drawing a cycle."""
    draw.rectangle([0, 0, width, height * 0.62], fill=(225, 231, 238))
    board = [width * 0.52, height * 0.08, width * 0.95, height * 0.5]
    draw.rectangle(board, fill="white", outline=(120, 130, 140), width=6)
    cx, cy, r = (board[0] + board[2]) / 2, (board[1] + board[3]) / 2, height * 0.13
    draw.arc([cx - r, cy - r, cx + r, cy + r], 20, 330, fill=BLUE, width=8)
    draw.polygon([(cx + r - 14, cy - 30), (cx + r + 16, cy - 30), (cx + r, cy - 2)], fill=BLUE)
    for i, dy in enumerate((0.16, 0.24, 0.32, 0.40)):
        draw.line(
            [board[0] + 30, height * dy, board[0] + 110 + i * 12, height * dy], fill=BLUE, width=6
        )
    _person(draw, width * 0.74, height * 0.56, 1.2, SKIN[0], SHIRTS[0])
    for i, x in enumerate((0.12, 0.27, 0.42)):
        _person(draw, width * x, height * 0.5, 1.0, SKIN[i + 1], SHIRTS[i + 1])
    draw.rectangle([0, height * 0.7, width * 0.55, height * 0.78], fill=(150, 111, 51))
    for x in (0.1, 0.25, 0.4):
        draw.rectangle([width * x, height * 0.68, width * x + 70, height * 0.7 + 4], fill="white")
    draw.rectangle([0, height * 0.78, width, height], fill=(200, 205, 212))


def paint_laptop_stethoscope(draw, width, height):
    """A laptop with a stethoscope lying across its keyboard."""
    draw.rectangle([0, 0, width, height], fill=(220, 234, 245))
    screen = [width * 0.25, height * 0.15, width * 0.75, height * 0.6]
    draw.rounded_rectangle(screen, radius=18, fill=(40, 44, 52))
    draw.rectangle(
        [screen[0] + 22, screen[1] + 22, screen[2] - 22, screen[3] - 22], fill=(120, 180, 230)
    )
    draw.polygon(
        [
            (width * 0.18, height * 0.62),
            (width * 0.82, height * 0.62),
            (width * 0.9, height * 0.75),
            (width * 0.1, height * 0.75),
        ],
        fill=(170, 175, 184),
    )
    draw.arc(
        [width * 0.3, height * 0.35, width * 0.7, height * 0.95], 200, 340, fill=BLUE, width=14
    )
    draw.line([width * 0.33, height * 0.5, width * 0.3, height * 0.72], fill=BLUE, width=12)
    draw.ellipse([width * 0.62, height * 0.7, width * 0.72, height * 0.85], fill=(160, 165, 170))
    draw.ellipse([width * 0.64, height * 0.72, width * 0.70, height * 0.83], fill=(90, 95, 100))


def paint_child_stomach_ache(draw, width, height):
    """A child on a pink background holding her stomach, the inside shown in red."""
    draw.rectangle([0, 0, width, height], fill=(248, 200, 214))
    cx = width / 2
    draw.ellipse([cx - 80, height * 0.1, cx + 80, height * 0.1 + 160], fill=SKIN[2])
    draw.pieslice(
        [cx - 95, height * 0.06, cx + 95, height * 0.1 + 130], 180, 360, fill=(90, 60, 40)
    )
    draw.rounded_rectangle(
        [cx - 130, height * 0.34, cx + 130, height * 0.9], radius=60, fill=(255, 255, 255)
    )
    draw.ellipse([cx - 70, height * 0.55, cx + 70, height * 0.75], fill=(200, 30, 40))
    draw.line([cx - 160, height * 0.45, cx - 40, height * 0.66], fill=SKIN[2], width=34)
    draw.line([cx + 160, height * 0.45, cx + 40, height * 0.66], fill=SKIN[2], width=34)


def portrait_painter(initials_colour):
    def paint(draw, width, height):
        """A head-and-shoulders silhouette: a placeholder until the real photograph."""
        draw.rectangle([0, 0, width, height], fill=initials_colour)
        cx = width / 2
        draw.ellipse([cx - 130, height * 0.18, cx + 130, height * 0.18 + 260], fill=(235, 238, 242))
        draw.ellipse([cx - 260, height * 0.62, cx + 260, height * 1.3], fill=(235, 238, 242))

    return paint


def paint_award(draw, width, height):
    """A gold medal with a blue ribbon."""
    draw.rectangle([0, 0, width, height], fill=(230, 236, 242))
    cx, cy = width / 2, height * 0.6
    draw.polygon([(cx - 120, 40), (cx - 20, 40), (cx + 40, cy - 60), (cx - 40, cy - 60)], fill=BLUE)
    draw.polygon([(cx + 120, 40), (cx + 20, 40), (cx - 40, cy - 60), (cx + 40, cy - 60)], fill=BLUE)
    draw.ellipse(
        [cx - 150, cy - 150, cx + 150, cy + 150], fill=MAIZE, outline=(190, 150, 0), width=12
    )
    draw.ellipse([cx - 90, cy - 90, cx + 90, cy + 90], outline=(190, 150, 0), width=8)


def paint_simulation_lab(draw, width, height):
    """A hospital bed with a training manikin, and a monitor beside it."""
    draw.rectangle([0, 0, width, height], fill=(222, 236, 232))
    draw.rectangle([0, height * 0.8, width, height], fill=(180, 190, 196))
    draw.rectangle([width * 0.15, height * 0.55, width * 0.7, height * 0.62], fill=(240, 240, 240))
    draw.rectangle([width * 0.15, height * 0.62, width * 0.7, height * 0.66], fill=(120, 130, 140))
    for x in (0.17, 0.66):
        draw.rectangle(
            [width * x, height * 0.66, width * x + 14, height * 0.8], fill=(120, 130, 140)
        )
    draw.ellipse([width * 0.18, height * 0.45, width * 0.26, height * 0.56], fill=SKIN[2])
    draw.rounded_rectangle(
        [width * 0.26, height * 0.47, width * 0.62, height * 0.56], radius=20, fill=(120, 170, 210)
    )
    draw.rectangle([width * 0.78, height * 0.2, width * 0.95, height * 0.45], fill=(30, 34, 40))
    points = [(width * (0.8 + i * 0.015), height * (0.33 if i % 4 else 0.25)) for i in range(10)]
    draw.line(points, fill=(80, 220, 120), width=5)
    draw.rectangle([width * 0.86, height * 0.45, width * 0.87, height * 0.8], fill=(120, 130, 140))


def paint_lecture_hall(draw, width, height):
    """A speaker at a lectern in front of a screen and rows of seats."""
    draw.rectangle([0, 0, width, height], fill=(40, 50, 70))
    draw.rectangle([width * 0.2, height * 0.08, width * 0.8, height * 0.45], fill=(235, 240, 245))
    draw.rectangle([width * 0.3, height * 0.18, width * 0.7, height * 0.22], fill=BLUE)
    draw.rectangle([width * 0.3, height * 0.27, width * 0.6, height * 0.3], fill=(120, 130, 140))
    _person(draw, width * 0.5, height * 0.5, 0.8, SKIN[3], SHIRTS[4])
    draw.polygon(
        [
            (width * 0.44, height * 0.6),
            (width * 0.56, height * 0.6),
            (width * 0.54, height * 0.75),
            (width * 0.46, height * 0.75),
        ],
        fill=(120, 80, 40),
    )
    for row in range(3):
        y = height * (0.8 + row * 0.07)
        for i in range(9):
            x = width * (0.06 + i * 0.11)
            draw.ellipse([x, y, x + 50, y + 40], fill=(70, 80, 100))


# The drawings a copy module can ask for by name.
SCENES = {
    "group_discussion": paint_group_discussion,
    "laptop_stethoscope": paint_laptop_stethoscope,
    "child_stomach_ache": paint_child_stomach_ache,
    "award": paint_award,
    "simulation_lab": paint_simulation_lab,
    "lecture_hall": paint_lecture_hall,
}
PORTRAIT_SIZE = (800, 800)


def demo_picture(picture):
    """The image a copy module describes: ``{"title", "alt", "scene"}`` or a ``portrait``."""
    if "portrait" in picture:
        painter = portrait_painter(picture["portrait"])
        return demo_image(picture["title"], picture["alt"], painter, size=PORTRAIT_SIZE)
    return demo_image(picture["title"], picture["alt"], SCENES[picture["scene"]])
