from django.apps import AppConfig
from django.conf import settings


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "LMS"

    def ready(self):
        speed = getattr(settings, "LMS_AVIF_ENCODER_SPEED", None)
        if speed is not None:
            use_avif_encoder_speed(speed)


def use_avif_encoder_speed(speed):
    """Make Pillow's AVIF encoder trade size for time (0 slowest/smallest, 10 fastest).

    Production keeps Pillow's default (6): renditions are encoded once and served many times.
    Tests roll renditions back after every test and re-encode them, so they use the fastest speed.
    """
    from PIL import Image

    Image.init()  # Pillow registers its format plugins lazily
    encode = Image.SAVE.get("AVIF")
    if encode is None or getattr(encode, "lms_speed", None) == speed:
        return

    def save_with_speed(image, fp, filename, save_all=False):
        image.encoderinfo.setdefault("speed", speed)
        return encode(image, fp, filename, save_all)

    save_with_speed.lms_speed = speed
    Image.register_save("AVIF", save_with_speed)
