backstretch: day 7 · 1 session today, last 07:50 · #[fg=green]no warning signs today#[default]
