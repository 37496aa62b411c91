//! The comment intake: an HTTP endpoint for the site's comment form.
