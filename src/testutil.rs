//! Test-only helpers shared by the unit tests.
//!
//! Every loop in a test that waits for something to happen (a session to finish, a
//! checklist to give its result, an event loop to end) counts its turns with a
//! [`StepLimit`]. A broken model then fails the test at once, with a message naming what
//! did not happen, instead of hanging the test run.

/// A bound on the turns of a loop in a test.
///
/// ```ignore
/// let mut limit = StepLimit::new(10_000, "the session to finish");
/// while !s.is_finished() {
///     limit.step();
///     // ...
/// }
/// ```
#[derive(Debug)]
pub struct StepLimit {
    what: &'static str,
    limit: usize,
    taken: usize,
}

impl StepLimit {
    /// At most `limit` turns while waiting for `what` ("the session to finish").
    pub fn new(limit: usize, what: &'static str) -> StepLimit {
        StepLimit {
            what,
            limit,
            taken: 0,
        }
    }

    /// Counts one turn; panics once there have been more than `limit`.
    #[track_caller]
    pub fn step(&mut self) {
        self.taken += 1;
        assert!(
            self.taken <= self.limit,
            "gave up after {} steps waiting for {}: it never happened",
            self.limit,
            self.what
        );
    }

    /// Turns counted so far.
    pub fn taken(&self) -> usize {
        self.taken
    }
}

mod tests {
    use super::*;

    #[test]
    fn allows_the_limit_then_fails_naming_what_did_not_happen() {
        let mut l = StepLimit::new(3, "the kettle to boil");
        for _ in 0..3 {
            l.step();
        }
        assert_eq!(l.taken(), 3);
        let err = std::panic::catch_unwind(move || l.step()).unwrap_err();
        let msg = err.downcast_ref::<String>().unwrap();
        assert_eq!(
            msg,
            "gave up after 3 steps waiting for the kettle to boil: it never happened"
        );
    }
}
