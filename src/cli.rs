//! The command line.

use clap::{Parser, Subcommand, ValueHint};
use std::path::PathBuf;

const ABOUT: &str = "A calm, keyboard-driven coach for gentle low-back stretches.";

const LONG_ABOUT: &str = "\
A calm, keyboard-driven coach for gentle low-back stretches.

With no command, backstretch opens the full-screen coach: pick a ready routine or
your own stretches, read how to do each one, and follow a timed hold with a big
countdown. Press ! on any screen for the red-flag checklist, ? for the keys.

backstretch is for education only and is not a substitute for advice, diagnosis
or treatment from a doctor or physiotherapist.";

const AFTER_HELP: &str = "\
Examples:
  backstretch                         open the coach
  backstretch run in-bed              start the in-bed routine at once
  backstretch run cat-cow --hold 15   one stretch, 15 s holds
  backstretch --voice run in-bed      spoken cues, for when you cannot see the screen
  backstretch run floor --wait        each stretch waits for Space: get down first
  backstretch show knee-to-chest      how to do one stretch
  backstretch flags --check           the warning-sign questions, as plain prompts
  backstretch prescribe morning.json  use a clinician's file from now on
  backstretch status --format tmux    one line for tmux's status-right

Environment:
  BACKSTRETCH_DATA_DIR   where answers and history are kept (same as --data-dir)
  BACKSTRETCH_SPEAK      the speech command for --voice, split on whitespace, the text
                         passed last [default: say, spd-say, espeak-ng or espeak]
  BACKSTRETCH_CONTENT    a content file to use instead of the installed prescription
  NO_COLOR               no colour in any output";

#[derive(Debug, Parser)]
#[command(
    name = "backstretch",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Use this content file for this run, instead of the prescription or the built-in
    /// stretches and checklist
    #[arg(long, global = true, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub content: Option<PathBuf>,

    /// Keep checklist answers and history here [default: the platform's data directory]
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        value_hint = ValueHint::DirPath,
        env = "BACKSTRETCH_DATA_DIR",
        hide_env = true
    )]
    pub data_dir: Option<PathBuf>,

    /// No sound at all: no bell, no voice
    #[arg(long, global = true)]
    pub quiet: bool,

    /// Speak the cues (stretch, hold, halfway, 3-2-1, release, switch sides) through the
    /// system's speech command, for this run [default: the setting, v in settings]
    #[arg(long, global = true)]
    pub voice: bool,

    /// No colour (NO_COLOR in the environment does the same)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Colours of the full-screen coach [default: the one chosen in settings]
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<crate::ui::ThemeKind>,

    /// Run the clock this many times faster (for tests)
    #[arg(long, global = true, hide = true, default_value_t = 1.0, value_parser = parse_scale)]
    pub time_scale: f64,

    /// Pretend today is this date, YYYY-MM-DD (for tests)
    #[arg(
        long,
        global = true,
        hide = true,
        env = "BACKSTRETCH_TODAY",
        hide_env = true
    )]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the stretches and the ready routines
    List,
    /// Show how to do one stretch, in full
    Show {
        /// The stretch's id, as shown by `backstretch list`
        id: String,
    },
    /// The red-flag checklist: signs that need a doctor, grouped by urgency
    Flags {
        /// Ask each question as a plain prompt and give the result; each answer is kept
        /// as given. Exit 5 emergency, 4 today, 3 soon (the most urgent yes, even if the
        /// list is left early with q or the end of input), 0 none, 1 left early with no yes
        #[arg(long)]
        check: bool,
    },
    /// Check a content file and print every problem (exit 0 valid, 1 not)
    Validate {
        /// The content file to check
        #[arg(value_hint = ValueHint::FilePath)]
        file: PathBuf,
    },
    /// Start a session at once: a routine, or stretch ids in order
    Run {
        /// A routine id (in-bed, floor, chair, full) or one or more stretch ids
        #[arg(value_name = "ROUTINE | ID")]
        targets: Vec<String>,
        /// Seconds to hold each stretch (within the content's bounds, 10-30; a stretch
        /// whose hold the prescription fixes keeps it)
        #[arg(long, value_name = "SECONDS")]
        hold: Option<u32>,
        /// Repetitions of each stretch (within the content's bounds, 2-4; a stretch whose
        /// repetitions the prescription fixes keeps them)
        #[arg(long, value_name = "N")]
        reps: Option<u32>,
        /// Seconds to get into position before each stretch (within the content's
        /// bounds, 3-20) [default: the saved setting]
        #[arg(long, value_name = "SECONDS")]
        lead_in: Option<u32>,
        /// Seconds of rest between holds (within the content's bounds, 3-20)
        /// [default: the saved setting]
        #[arg(long, value_name = "SECONDS")]
        rest: Option<u32>,
        /// Start each stretch when I am ready: every lead-in waits for Space
        #[arg(long)]
        wait: bool,
        /// No pain check-ins for this session
        #[arg(long)]
        no_checkin: bool,
        /// Coach in plain lines on stdout (for screen readers, braille displays and
        /// pipes): Enter pauses and resumes, q then Enter quits
        #[arg(long)]
        plain: bool,
    },
    /// Install a clinician's content file so every command uses it; with no FILE, say
    /// which content is in use and where it came from
    Prescribe {
        /// The content file to check and install (a copy is kept in the data directory)
        #[arg(conflicts_with = "clear", value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
        /// Remove the installed prescription: back to the built-in stretches
        #[arg(long)]
        clear: bool,
    },
    /// Print the session history as a table
    History,
    /// Where you stand, in one line for a shell prompt or tmux: the day of recovery,
    /// today's sessions and the checklist (exit 5 emergency, 4 today, 3 soon, else 0)
    Status {
        /// text, json or tmux
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
    },
    /// Write a summary for a doctor or physiotherapist: sessions, pain trend, checklist
    /// answers and pain stops
    Export {
        /// md (Markdown) or csv
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        out: Option<PathBuf>,
        /// Replace --out if it exists
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script: commands, options, themes, and the routine and
    /// stretch ids of the content in use (--content FILE for a clinician's own file)
    #[command(after_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); read it with `backstretch man | man -l -`
    Man,
    /// Print the JSON Schema of content files, for editors to check them as you type
    Schema,
}

const COMPLETIONS_HELP: &str = "\
Load it for this shell, or put it where your shell looks for completions:
  bash   backstretch completions bash > ~/.local/share/bash-completion/completions/backstretch
  zsh    backstretch completions zsh > ~/.zfunc/_backstretch   (with fpath+=~/.zfunc)
  fish   backstretch completions fish > ~/.config/fish/completions/backstretch.fish
  elvish backstretch completions elvish >> ~/.config/elvish/rc.elv
  powershell  backstretch completions powershell >> $PROFILE";

/// How `status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// One plain line
    Text,
    /// An object: day, sessions_today, last_session, checklist
    Json,
    /// One line with tmux colour markup, for status-right
    Tmux,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
}

fn parse_scale(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("expected a positive number, found '{s}'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
