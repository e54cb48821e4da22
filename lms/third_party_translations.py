"""Chinese for Wagtail and allauth strings that their own zh_Hans catalogues leave in English or word differently.

Wagtail 8's zh_Hans catalogue lacks about 400 of its strings, among them the banner an author sees when
publishing fails ("The page could not be created due to validation errors.") and the page editor's
side panels; allauth calls the code sent by SMS 代码 where this project says 验证码. The project's
catalogue (``LOCALE_PATHS``) is searched before the apps' ones, so translating these msgids there fills
the gaps. They are listed here only so that ``makemessages`` finds them in the project's source and
keeps their entries; nothing imports this module. Add a msgid exactly as Wagtail or allauth spells it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Wagtail admin: the page editor, publishing messages, listings and the accessibility checker.
WAGTAIL = [
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page title as you'd like it to be seen by the public"),  # Wagtail's says 你
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("Go to the first error"),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop(
        "Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields."
    ),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'."),
    gettext_noop(
        "The slug '%(page_slug)s' is already in use at the selected parent page. "
        "Make sure the slug is unique and try again."
    ),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    gettext_noop("%(model_name)s '%(object)s' created and submitted for moderation."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("Save your changes before leaving"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Schedule to publish"),
    gettext_noop("Scheduling…"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("Checks"),
    gettext_noop("Toggle checks"),
    gettext_noop("Show issue"),
    gettext_noop("Locking: "),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Page type"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Any"),
    gettext_noop("Locked by"),
    gettext_noop("Anyone"),
    gettext_noop("Is commenting action"),
    gettext_noop("Search all pages…"),
    gettext_noop("Edit account avatar"),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("Sort item order"),
    gettext_noop("Compare"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop(
        "The root level is where you can add new sites to your Wagtail installation. "
        "Pages created here will not be accessible at any URL until they are associated with a site."
    ),
    gettext_noop("If you just want to add pages to an existing site, create them as children of the homepage instead."),
    gettext_noop("Privacy and access"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop("Invalid schedule"),
    gettext_noop("Go-live:"),
    gettext_noop("Once scheduled:"),
    gettext_noop("Refresh"),
    gettext_noop("Refreshing…"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Choose who can view the live version of this page"),
    gettext_noop("Disabled"),
    gettext_noop("locale"),
    gettext_noop("- Select an option -"),
    gettext_noop("Date cannot be in the future."),
    gettext_noop("Unknown content type"),
    gettext_noop("Please provide an image description to comply with best practices for accessibility."),
    gettext_noop("Button text is empty"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Empty heading found"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Link text is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
]
WAGTAIL_PLURALS = [ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", "count")]

# allauth: the code sent by SMS is 验证码 for learners (allauth's catalogue says 代码).
ALLAUTH = [
    gettext_noop("Incorrect code."),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Enter a phone number including country code (e.g. +1 for the US)."),
    gettext_noop("Code"),
    gettext_noop("We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."),
    gettext_noop("Request new code"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Enter Password Reset Code"),
    gettext_noop("Enter Phone Verification Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Password Reset Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("You will receive a special code for a password-free sign-in."),
]
