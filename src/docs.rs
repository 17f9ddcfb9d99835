//! Where copydesk and its rules are documented: the project's home, defined once (Cargo.toml's
//! `repository`), and the address of each built-in rule's page under `docs/rules/`.
//!
//! The pages themselves are generated from the rule files (`copydesk rules --docs DIR`, see
//! [`crate::explain::pages`]); every output that names a rule links here (JSON `url`, SARIF
//! `helpUri`, the human format's `docs:` line, `copydesk explain`).

/// The project's home page (Cargo.toml's `repository`, so it is written in one place).
pub const HOME: &str = env!("CARGO_PKG_REPOSITORY");

/// The folder of the rule pages, relative to the repository's root.
pub const RULES_DIR: &str = "docs/rules";

/// The page documenting the built-in rule `id` (`residue/read-more`), on the default branch.
pub fn rule_url(id: &str) -> String {
    format!("{HOME}/blob/main/{RULES_DIR}/{id}.md")
}

/// The page listing every built-in rule by family.
pub fn index_url() -> String {
    format!("{HOME}/blob/main/{RULES_DIR}/README.md")
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_pages_live_under_the_home() {
        assert_eq!(
            super::rule_url("residue/read-more"),
            "https://github.com/copydesk/copydesk/blob/main/docs/rules/residue/read-more.md"
        );
    }
}
