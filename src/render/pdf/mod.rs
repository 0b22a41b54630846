//! Print PDF backend (krilla): next issue.
