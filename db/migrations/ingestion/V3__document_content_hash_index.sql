-- An upload looks for the same content in its collection before it stores anything (the
-- answer is the document already there): by hash, without reading the collection's list.
CREATE INDEX documents_collection_hash_idx ON documents (collection_id, content_hash);
