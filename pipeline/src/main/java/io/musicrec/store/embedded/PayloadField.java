package io.musicrec.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;

/**
 * Where a point's payload (JSON) lives in its document. Binary doc values are read in place:
 * loading a search hit's payload from stored fields decompressed a whole block of other documents,
 * a third of the cost of a search. Doc values hold at most {@value #MAX_DOC_VALUE_BYTES} bytes a
 * value, so a larger payload goes to a stored field, as every payload did in collections written
 * before; reads look in both.
 */
final class PayloadField {
  static final String STORED = "payload";
  static final String DOC_VALUES = "payload_dv";
  /** Lucene's limit for one binary doc value. */
  static final int MAX_DOC_VALUE_BYTES = 32766;
  private static final Set<String> STORED_ONLY = Set.of(STORED);

  private PayloadField() {}

  static void add(Document doc, Map<String, Object> payload) {
    String json = PayloadJson.write(payload);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_DOC_VALUE_BYTES) {
      doc.add(new BinaryDocValuesField(DOC_VALUES, new BytesRef(bytes)));
    } else {
      doc.add(new StoredField(STORED, json));
    }
  }

  /** Payloads of one segment; cheapest when read in increasing doc order. Not thread-safe. */
  static final class Reader {
    private final LeafReader leaf;
    private BinaryDocValues values;
    private StoredFields stored;

    Reader(LeafReader leaf) throws IOException {
      this.leaf = leaf;
      this.values = leaf.getBinaryDocValues(DOC_VALUES);
    }

    /** The payload of a segment-local doc id. */
    Map<String, Object> read(int doc) throws IOException {
      if (values != null) {
        // Doc values iterate forwards only: going back needs a fresh iterator.
        if (values.docID() > doc) values = leaf.getBinaryDocValues(DOC_VALUES);
        if (values.advanceExact(doc)) {
          BytesRef b = values.binaryValue();
          return PayloadJson.read(b.bytes, b.offset, b.length);
        }
      }
      if (stored == null) stored = leaf.storedFields();
      return PayloadJson.read(stored.document(doc, STORED_ONLY).get(STORED));
    }
  }
}
