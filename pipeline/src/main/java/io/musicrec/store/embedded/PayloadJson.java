package io.musicrec.store.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.store.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stored form of a payload: JSON, integers read back as longs like Qdrant's integer values. */
final class PayloadJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private PayloadJson() {}

  static String write(Map<String, Object> payload) {
    try {
      return MAPPER.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode payload " + payload, e);
    }
  }

  static Map<String, Object> read(byte[] utf8, int offset, int length) {
    try {
      return MAPPER.readValue(utf8, offset, length, MAP);
    } catch (java.io.IOException e) {
      throw new StoreException("corrupt stored payload: " + new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  static Map<String, Object> read(String json) {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("corrupt stored payload: " + json, e);
    }
  }
}
