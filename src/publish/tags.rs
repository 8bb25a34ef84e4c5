//! The tags of the printed PDF made the same for the same document.
//!
//! Chromium names the structure elements that other elements refer to (a
//! table's header cells, named in its data cells' `/Headers`) after the
//! browser's DOM node numbers, which shift from one run to the next. They are
//! renamed here in document order (`id000001`, ...), every reference with
//! them, and the structure tree's `/IDTree` is written again as one sorted list.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// Renames the `/ID` of every structure element in the order of the
/// elements, with every string that names one, and rebuilds the `/IDTree`.
pub(super) fn renumber_ids(doc: &mut Document) {
    let mut names: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    // Objects are kept by number, and Chromium writes the tree in document order.
    for object in doc.objects.values() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let is_element = dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|t| t == b"StructElem");
        if let (true, Ok(Object::String(id, _))) = (is_element, dict.get(b"ID")) {
            let next = format!("id{:06}", names.len() + 1).into_bytes();
            names.entry(id.clone()).or_insert(next);
        }
    }
    if names.is_empty() {
        return;
    }
    for object in doc.objects.values_mut() {
        rename(object, &names);
    }
    rebuild_id_tree(doc);
}

/// Replaces every string of `object` that is a key of `names`.
fn rename(object: &mut Object, names: &HashMap<Vec<u8>, Vec<u8>>) {
    match object {
        Object::String(bytes, _) => {
            if let Some(new) = names.get(bytes) {
                *bytes = new.clone();
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| rename(o, names)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| rename(o, names)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, o)| rename(o, names)),
        _ => {}
    }
}

/// Writes the structure tree's `/IDTree` again as one node holding every
/// name in order (a name tree must be sorted), and drops its old nodes.
fn rebuild_id_tree(doc: &mut Document) {
    let Some(root_id) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok())
        .and_then(|r| r.as_reference().ok())
    else {
        return;
    };
    let Some(tree) = doc
        .get_dictionary(root_id)
        .ok()
        .and_then(|r| r.get(b"IDTree").ok())
        .cloned()
    else {
        return;
    };
    let mut entries = BTreeMap::new();
    let mut nodes = Vec::new();
    collect(doc, &tree, &mut entries, &mut nodes, 0);
    let mut list = Vec::with_capacity(entries.len() * 2);
    for (name, value) in entries {
        list.push(Object::String(name, StringFormat::Literal));
        list.push(value);
    }
    let mut node = Dictionary::new();
    node.set("Names", Object::Array(list));
    let id = doc.add_object(Object::Dictionary(node));
    if let Ok(root) = doc.get_dictionary_mut(root_id) {
        root.set("IDTree", Object::Reference(id));
    }
    for old in nodes {
        doc.objects.remove(&old);
    }
}

/// The names and values below a name-tree node, and the objects of its nodes.
fn collect(
    doc: &Document,
    node: &Object,
    entries: &mut BTreeMap<Vec<u8>, Object>,
    nodes: &mut Vec<ObjectId>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    if let Ok(id) = node.as_reference() {
        nodes.push(id);
    }
    let Ok(dict) = doc.dereference(node).and_then(|(_, o)| o.as_dict()) else {
        return;
    };
    if let Ok(names) = dict.get(b"Names").and_then(Object::as_array) {
        for pair in names.chunks_exact(2) {
            if let Object::String(name, _) = &pair[0] {
                entries.insert(name.clone(), pair[1].clone());
            }
        }
    }
    if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            collect(doc, kid, entries, nodes, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn string(s: &str) -> Object {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    }

    /// A table with two header cells, numbered as one run of Chromium might.
    fn printed(first: &str, second: &str) -> Document {
        let mut doc = Document::with_version("1.4");
        let th1 = doc
            .add_object(dictionary! { "Type" => "StructElem", "S" => "TH", "ID" => string(first) });
        let th2 = doc.add_object(
            dictionary! { "Type" => "StructElem", "S" => "TH", "ID" => string(second) },
        );
        doc.add_object(dictionary! {
            "Type" => "StructElem", "S" => "TD",
            "A" => dictionary! { "O" => "Table", "Headers" => vec![string(first), string(second)] },
        });
        let leaf = doc.add_object(dictionary! {
            "Names" => vec![string(first), Object::Reference(th1), string(second), Object::Reference(th2)],
            "Limits" => vec![string(first), string(second)],
        });
        let tree = doc.add_object(dictionary! { "Kids" => vec![Object::Reference(leaf)] });
        let root = doc.add_object(
            dictionary! { "Type" => "StructTreeRoot", "IDTree" => Object::Reference(tree) },
        );
        let catalog = doc.add_object(
            dictionary! { "Type" => "Catalog", "StructTreeRoot" => Object::Reference(root) },
        );
        doc.trailer.set("Root", Object::Reference(catalog));
        doc
    }

    /// A dictionary, or the one a reference points at.
    fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
        doc.dereference(object).unwrap().1.as_dict().unwrap()
    }

    fn saved(mut doc: Document) -> Vec<u8> {
        renumber_ids(&mut doc);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn shifted_node_numbers_give_the_same_file() {
        assert_eq!(
            saved(printed("node00000464", "node00000470")),
            saved(printed("node00000463", "node00000469"))
        );
    }

    #[test]
    fn references_and_the_id_tree_follow_the_new_names() {
        // Node numbers out of document order: the tree must still be sorted.
        let bytes = saved(printed("node00000990", "node00000100"));
        assert!(!String::from_utf8_lossy(&bytes).contains("node0"));
        let doc = Document::load_mem(&bytes).unwrap();
        let strings = |o: &Object| -> Vec<String> {
            o.as_array()
                .unwrap()
                .iter()
                .filter_map(|s| s.as_str().ok())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect()
        };
        let td = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .find(|d| {
                d.get(b"S")
                    .and_then(Object::as_name)
                    .is_ok_and(|s| s == b"TD")
            })
            .unwrap();
        let headers = td
            .get(b"A")
            .map(|a| dict(&doc, a))
            .unwrap()
            .get(b"Headers")
            .unwrap();
        assert_eq!(strings(headers), ["id000001", "id000002"]);
        let root = doc
            .catalog()
            .unwrap()
            .get(b"StructTreeRoot")
            .map(|r| dict(&doc, r))
            .unwrap();
        let tree = root.get(b"IDTree").map(|t| dict(&doc, t)).unwrap();
        assert_eq!(
            strings(tree.get(b"Names").unwrap()),
            ["id000001", "id000002"]
        );
        // The old nodes of the tree are gone.
        assert!(!bytes.windows(7).any(|w| w == b"/Limits"));
    }
}
