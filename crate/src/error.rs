//! Errors that tell the user what is wrong and where.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A policy document that is not valid JSON or does not fit the schema.
    Policy {
        /// Dotted path of the offending field (`severity.medical.email`), empty when unknown.
        field: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A malformed row in a consent-register CSV.
    ConsentCsv { line: usize, message: String },
    /// A scan context that does not fit the schema.
    Context { field: String, message: String },
    /// A built-in data file is broken (a build problem, caught by the tests).
    Builtin { file: String, message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Policy {
                field,
                line,
                column,
                message,
            } => {
                write!(f, "policy: line {line}, column {column}")?;
                if !field.is_empty() {
                    write!(f, ", field `{field}`")?;
                }
                write!(f, ": {message}")
            }
            Error::ConsentCsv { line, message } => {
                write!(f, "consent register: line {line}: {message}")
            }
            Error::Context { field, message } => {
                if field.is_empty() {
                    write!(f, "context: {message}")
                } else {
                    write!(f, "context: field `{field}`: {message}")
                }
            }
            Error::Builtin { file, message } => {
                write!(f, "built-in data file {file} is invalid: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// Strips serde_json's own " at line L column C" suffix; we report position separately.
pub(crate) fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
