package io.musicrec.embed;

import static io.musicrec.embed.BatchingEmbedderTest.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.Settings;
import io.musicrec.embed.BatchingEmbedderTest.Sounds;
import io.musicrec.model.ModelSpecs;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** builtin:logmel embeddings put like sounds near each other and unlike sounds apart. */
class EmbeddingMeaningTest {
  private static BatchingEmbedder embedder;

  @BeforeAll
  static void open() {
    embedder = BatchingEmbedder.open(
        ModelSpecs.resolve("builtin:logmel"), new Settings.Embed(8, 5, false, 1), OptionalInt.empty());
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static float[] embed(float[] clip) {
    return embedder.embed(new float[][] {clip}).vector();
  }

  @Test
  void sameTimbreWithOtherPhasesNoiseAndPitchIsCloserThanAnotherTimbre() {
    float[] dark = embed(Sounds.tone(220, Sounds.DARK, 3, 1));
    float[] darkAgain = embed(Sounds.tone(233, Sounds.DARK, 3, 2));
    float[] bright = embed(Sounds.tone(220, Sounds.BRIGHT, 3, 1));
    float[] brightAgain = embed(Sounds.tone(233, Sounds.BRIGHT, 3, 2));
    double sameDark = cosine(dark, darkAgain);
    double sameBright = cosine(bright, brightAgain);
    double across = cosine(dark, bright);
    System.out.printf("timbre: dark~dark %.3f, bright~bright %.3f, dark~bright %.3f%n", sameDark, sameBright, across);
    assertTrue(sameDark > across + 0.3, "dark " + sameDark + " vs across " + across);
    assertTrue(sameBright > across + 0.3, "bright " + sameBright + " vs across " + across);
    assertTrue(across < 0.7, "different timbres are not near-parallel: " + across);
  }

  @Test
  void rhythmSeparatesAPulsedSoundFromASteadyOneWithTheSameTimbre() {
    float[] steady = embed(Sounds.tone(220, Sounds.DARK, 3, 1, 0));
    float[] steadyAgain = embed(Sounds.tone(220, Sounds.DARK, 3, 2, 0));
    float[] pulsed = embed(Sounds.tone(220, Sounds.DARK, 3, 3, 4));
    float[] pulsedAgain = embed(Sounds.tone(220, Sounds.DARK, 3, 4, 4));
    double sameSteady = cosine(steady, steadyAgain);
    double samePulsed = cosine(pulsed, pulsedAgain);
    double across = cosine(steady, pulsed);
    System.out.printf("rhythm: steady~steady %.3f, pulsed~pulsed %.3f, steady~pulsed %.3f%n", sameSteady, samePulsed, across);
    assertTrue(sameSteady > across + 0.1 && samePulsed > across + 0.1, "rhythm changes the embedding");
  }

  @Test
  void loudnessDoesNotChangeTheEmbedding() {
    float[] clip = Sounds.tone(220, Sounds.BRIGHT, 3, 5);
    float[] quiet = clip.clone();
    for (int i = 0; i < quiet.length; i++) quiet[i] *= 0.05f;
    assertEquals(1.0, cosine(embed(clip), embed(quiet)), 1e-3);
  }
}
