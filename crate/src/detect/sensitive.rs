//! Placeholder: this detector is being written.

use super::{Detector, Hit, Input};
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::Rule;

pub struct Sensitive {
    rules: Vec<Rule>,
}

impl Sensitive {
    pub fn new(_policy: &Policy) -> Result<Self, Error> {
        Ok(Sensitive { rules: Vec::new() })
    }
}

impl Detector for Sensitive {
    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn detect(&self, _input: &Input<'_>, _out: &mut Vec<Hit>) {}
}
