//! A task list for spreadsheets: semicolon-separated (the list separator of
//! Danish Excel), UTF-8 with a byte-order mark so Excel reads æ, ø and å,
//! CRLF line ends, and fields quoted when they hold a separator, a quote or a
//! line break. The browser writes the same bytes (`planner-core.js`, `csvTable`).

/// The table as one CSV text, header row first.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_bom_and_quotes() {
        let csv = table(&[
            vec!["Uge".into(), "Titel".into()],
            vec!["-9".into(), "Hold \"kickoff\"; alle".into()],
            vec!["0".into(), "Linje\nto".into()],
        ]);
        assert_eq!(
            csv,
            "\u{feff}Uge;Titel\r\n-9;\"Hold \"\"kickoff\"\"; alle\"\r\n0;\"Linje\nto\"\r\n"
        );
    }
}
