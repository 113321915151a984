//! Placeholder: this detector is being written.

use super::{Detector, Hit, Input};
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::Rule;

pub struct Minors {
    rules: Vec<Rule>,
}

impl Minors {
    pub fn new(_policy: &Policy) -> Result<Self, Error> {
        Ok(Minors { rules: Vec::new() })
    }
}

impl Detector for Minors {
    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn detect(&self, _input: &Input<'_>, _out: &mut Vec<Hit>) {}
}
