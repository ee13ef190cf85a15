import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

/**
 * The shape of Xenova/multilingual-e5-small (Multilingual-MiniLM-L12-H384: a BERT encoder under XLM-RoBERTa's
 * SentencePiece tokenizer): what a forward pass costs depends on these numbers and the sequence lengths, not on
 * the weights' values or the vocabulary's size.
 */
export interface EncoderShape {
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly intermediate: number;
  /** The longest sequence, in tokens, specials included (the tokenizer truncates there). */
  readonly maxPositions: number;
}

export const E5_SMALL_SHAPE: EncoderShape = { layers: 12, hidden: 384, heads: 12, intermediate: 1536, maxPositions: 512 };

export interface E5ShapedModelOptions {
  readonly shape?: EncoderShape;
  /**
   * Texts whose words become the Unigram vocabulary's pieces (with the Arabic letters, digits and Latin letters
   * always there), so that Arabic text is cut into tokens as a SentencePiece vocabulary cuts it: frequent words
   * whole, others in pieces.
   */
  readonly texts?: readonly string[];
  /** Also write onnx/model_quantized.onnx, int8 as the hub's (transformers.js loads it when present). Default true. */
  readonly quantized?: boolean;
}

/**
 * Writes a model folder that transformers.js loads as it loads Xenova/multilingual-e5-small: config.json
 * (`model_type: "bert"`), an XLM-RoBERTa-like tokenizer.json (Precompiled normaliser, Metaspace pre-tokenizer,
 * a Unigram model with Arabic pieces, `<s> … </s>` around each text) and an ONNX encoder of the given shape —
 * embeddings, then `layers` blocks of 12-head self-attention and a GELU feed-forward layer, each with residual
 * and layer normalisation — with seeded random weights (BERT's initial scale, so that activations stay in
 * range). With `quantized`, also the same graph with its weight matrices in int8 behind dynamically quantised
 * activations (DynamicQuantizeLinear → MatMulInteger), as onnxruntime's quantize_dynamic writes the hub's
 * model_quantized.onnx. The vectors mean nothing: this measures what the real model costs, not what it finds.
 */
export function writeE5ShapedModel(directory: string, options: E5ShapedModelOptions = {}): { vocabularySize: number } {
  const shape = options.shape ?? E5_SMALL_SHAPE;
  const pieces = unigramPieces(options.texts ?? []);
  mkdirSync(join(directory, "onnx"), { recursive: true });
  writeFileSync(
    join(directory, "config.json"),
    JSON.stringify({
      model_type: "bert",
      hidden_size: shape.hidden,
      num_hidden_layers: shape.layers,
      num_attention_heads: shape.heads,
      intermediate_size: shape.intermediate,
      max_position_embeddings: shape.maxPositions,
      vocab_size: pieces.length,
    }),
  );
  writeFileSync(
    join(directory, "tokenizer_config.json"),
    JSON.stringify({ tokenizer_class: "XLMRobertaTokenizer", model_max_length: shape.maxPositions, bos_token: "<s>", eos_token: "</s>", pad_token: "<pad>", unk_token: "<unk>", cls_token: "<s>", sep_token: "</s>", mask_token: "<mask>" }),
  );
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  writeFileSync(
    join(directory, "tokenizer.json"),
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: ["<s>", "<pad>", "</s>", "<unk>"].map((content, id) => special(content, id)),
      // transformers.js reads a Precompiled normaliser as SentencePiece's default rule (nmt_nfkc), whatever the map.
      normalizer: { type: "Precompiled", precompiled_charsmap: "" },
      pre_tokenizer: { type: "Metaspace", replacement: "▁", add_prefix_space: true },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "<s>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
        pair: [
          { SpecialToken: { id: "<s>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } },
          { SpecialToken: { id: "</s>", type_id: 0 } }, { Sequence: { id: "B", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } },
        ],
        special_tokens: {
          "<s>": { id: "<s>", ids: [0], tokens: ["<s>"] },
          "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] },
        },
      },
      decoder: { type: "Metaspace", replacement: "▁", add_prefix_space: true },
      model: { type: "Unigram", unk_id: 3, vocab: pieces },
    }),
  );
  const random = seededRandom(20240611);
  writeFileSync(join(directory, "onnx", "model.onnx"), encoderGraph(shape, pieces.length, random, false));
  if (options.quantized !== false) writeFileSync(join(directory, "onnx", "model_quantized.onnx"), encoderGraph(shape, pieces.length, seededRandom(20240611), true));
  return { vocabularySize: pieces.length };
}

/**
 * The Unigram vocabulary: the specials, then single characters (Arabic letters, digits, Latin letters, common
 * punctuation), then the texts' words that occur at least twice — whole, after the word-start mark ▁ — and their
 * beginnings and endings of two to four letters. Scores favour longer pieces, as a trained model's do for
 * frequent words; what matters here is the number of tokens a text becomes.
 */
function unigramPieces(texts: readonly string[]): Array<[string, number]> {
  const pieces = new Map<string, number>();
  for (const special of ["<s>", "<pad>", "</s>", "<unk>"]) pieces.set(special, 0);
  pieces.set("▁", -3);
  const characters: string[] = [];
  for (let code = 0x0621; code <= 0x064a; code += 1) characters.push(String.fromCharCode(code));
  characters.push(..."0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,،؛:؟?!()«»\"'-–—/%");
  for (const character of characters) {
    pieces.set(character, -10);
    pieces.set(`▁${character}`, -9);
  }
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of text.normalize("NFKC").split(/\s+/u)) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const [word, count] of counts) {
    if (count < 2) continue;
    const score = -20 / word.length;
    if (!pieces.has(`▁${word}`)) pieces.set(`▁${word}`, score);
    for (let length = 2; length <= Math.min(4, word.length - 1); length += 1) {
      if (!pieces.has(`▁${word.slice(0, length)}`)) pieces.set(`▁${word.slice(0, length)}`, -12 / length);
      if (!pieces.has(word.slice(-length))) pieces.set(word.slice(-length), -12 / length);
    }
  }
  return [...pieces];
}

/** A seeded linear congruential generator: the same weights on every machine and every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The encoder as an ONNX file (opset 13, which onnxruntime 1.14 runs): fp32, or int8 weight matrices. */
function encoderGraph(shape: EncoderShape, vocabularySize: number, random: () => number, quantized: boolean): Uint8Array {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const initializers: onnxProto.onnx.ITensorProto[] = [];
  let counter = 0;
  const fresh = (name: string) => `${name}_${(counter += 1)}`;
  const node = (opType: string, inputs: string[], attributes: onnxProto.onnx.IAttributeProto[] = [], outputCount = 1): string[] => {
    const outputs = Array.from({ length: outputCount }, () => fresh(opType.toLowerCase()));
    nodes.push({ opType, input: inputs, output: outputs, attribute: attributes });
    return outputs;
  };
  const op = (opType: string, inputs: string[], attributes: onnxProto.onnx.IAttributeProto[] = []) => node(opType, inputs, attributes)[0]!;
  const floats = (name: string, dims: number[], values: Float32Array) => {
    initializers.push({ name, dataType: DataType.FLOAT, dims, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
    return name;
  };
  const int64s = (name: string, values: number[]) => {
    const data = BigInt64Array.from(values.map(BigInt));
    initializers.push({ name, dataType: DataType.INT64, dims: [values.length], rawData: new Uint8Array(data.buffer) });
    return name;
  };
  const int64Scalar = (name: string, value: number) => {
    initializers.push({ name, dataType: DataType.INT64, dims: [], rawData: new Uint8Array(BigInt64Array.of(BigInt(value)).buffer) });
    return name;
  };
  const scalar = (name: string, value: number) => {
    initializers.push({ name, dataType: DataType.FLOAT, dims: [], rawData: new Uint8Array(Float32Array.of(value).buffer) });
    return name;
  };
  // BERT's initialiser: N(0, 0.02); a uniform of the same spread is as good for timing.
  const weights = (count: number) => Float32Array.from({ length: count }, () => (random() - 0.5) * 0.069);
  const ints = (name: string, value: number) => ({ name, type: AttributeType.INT, i: value });
  const intList = (name: string, values: number[]) => ({ name, type: AttributeType.INTS, ints: values });

  const { hidden, heads, intermediate, layers } = shape;
  const headSize = hidden / heads;
  const one = scalar("one", 1);
  const half = scalar("half", 0.5);
  const epsilon = scalar("epsilon", 1e-12);
  const sqrtTwo = scalar("sqrt_two", Math.SQRT2);
  const lastAxis = [intList("axes", [-1]), ints("keepdims", 1)];

  const layerNorm = (x: string, prefix: string) => {
    const mean = op("ReduceMean", [x], lastAxis);
    const centred = op("Sub", [x, mean]);
    const variance = op("ReduceMean", [op("Mul", [centred, centred])], lastAxis);
    const normalised = op("Div", [centred, op("Sqrt", [op("Add", [variance, epsilon])])]);
    const gamma = floats(`${prefix}.gamma`, [hidden], new Float32Array(hidden).fill(1));
    const beta = floats(`${prefix}.beta`, [hidden], new Float32Array(hidden));
    return op("Add", [op("Mul", [normalised, gamma]), beta]);
  };
  /** x · W + b, W of [inputs, outputs]: fp32, or int8 behind a dynamically quantised x (as quantize_dynamic does). */
  const linear = (x: string, inputs: number, outputs: number, prefix: string) => {
    const values = weights(inputs * outputs);
    const bias = floats(`${prefix}.bias`, [outputs], new Float32Array(outputs));
    if (!quantized) return op("Add", [op("MatMul", [x, floats(`${prefix}.weight`, [inputs, outputs], values)]), bias]);
    const largest = values.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
    const weightScale = largest / 127;
    const quantizedValues = Int8Array.from(values, (value) => Math.round(value / weightScale));
    initializers.push({ name: `${prefix}.weight_quantized`, dataType: DataType.INT8, dims: [inputs, outputs], rawData: new Uint8Array(quantizedValues.buffer) });
    initializers.push({ name: `${prefix}.weight_zero_point`, dataType: DataType.INT8, dims: [], rawData: new Uint8Array(1) });
    const [xQuantized, xScale, xZeroPoint] = node("DynamicQuantizeLinear", [x], [], 3) as [string, string, string];
    const product = op("MatMulInteger", [xQuantized, `${prefix}.weight_quantized`, xZeroPoint, `${prefix}.weight_zero_point`]);
    const scale = op("Mul", [xScale, scalar(`${prefix}.weight_scale`, weightScale)]);
    return op("Add", [op("Mul", [op("Cast", [product], [ints("to", DataType.FLOAT)]), scale]), bias]);
  };

  // Embeddings: word + position + token type, then layer normalisation.
  const words = op("Gather", [floats("embeddings.word", [vocabularySize, hidden], weights(vocabularySize * hidden)), "input_ids"], [ints("axis", 0)]);
  // Range wants scalars: the sequence length as a 0-d tensor (Gather with a 0-d index), from 0 by 1.
  const sequenceLength = op("Gather", [op("Shape", ["input_ids"]), int64Scalar("sequence_axis", 1)], [ints("axis", 0)]);
  const positionIds = op("Range", [int64Scalar("range_start", 0), sequenceLength, int64Scalar("range_step", 1)]);
  const positions = op("Gather", [floats("embeddings.position", [shape.maxPositions, hidden], weights(shape.maxPositions * hidden)), positionIds], [ints("axis", 0)]);
  const types = op("Gather", [floats("embeddings.token_type", [2, hidden], weights(2 * hidden)), "token_type_ids"], [ints("axis", 0)]);
  let state = layerNorm(op("Add", [op("Add", [words, positions]), types]), "embeddings.norm");

  // The attention mask as an additive bias on the scores: 0 for a token, −10,000 for padding; [batch, 1, 1, seq].
  const maskFloat = op("Cast", ["attention_mask"], [ints("to", DataType.FLOAT)]);
  const maskBias = op("Unsqueeze", [op("Mul", [op("Sub", [one, maskFloat]), scalar("mask_fill", -10000)]), int64s("mask_axes", [1, 2])]);
  const headsShape = int64s("heads_shape", [0, 0, heads, headSize]);
  const hiddenShape = int64s("hidden_shape", [0, 0, hidden]);
  const scoreScale = scalar("score_scale", 1 / Math.sqrt(headSize));

  for (let layer = 0; layer < layers; layer += 1) {
    const prefix = `layer${layer}`;
    const split = (x: string, perm: number[]) => op("Transpose", [op("Reshape", [x, headsShape])], [intList("perm", perm)]);
    const query = split(linear(state, hidden, hidden, `${prefix}.query`), [0, 2, 1, 3]);
    const keyT = split(linear(state, hidden, hidden, `${prefix}.key`), [0, 2, 3, 1]);
    const value = split(linear(state, hidden, hidden, `${prefix}.value`), [0, 2, 1, 3]);
    const scores = op("Add", [op("Mul", [op("MatMul", [query, keyT]), scoreScale]), maskBias]);
    const context = op("MatMul", [op("Softmax", [scores], [ints("axis", -1)]), value]);
    const merged = op("Reshape", [op("Transpose", [context], [intList("perm", [0, 2, 1, 3])]), hiddenShape]);
    const attended = layerNorm(op("Add", [linear(merged, hidden, hidden, `${prefix}.attention_out`), state]), `${prefix}.attention_norm`);
    const expanded = linear(attended, hidden, intermediate, `${prefix}.intermediate`);
    // GELU, exactly (BERT's): x · ½ · (1 + erf(x / √2)).
    const gelu = op("Mul", [op("Mul", [expanded, half]), op("Add", [one, op("Erf", [op("Div", [expanded, sqrtTwo])])])]);
    state = layerNorm(op("Add", [linear(gelu, intermediate, hidden, `${prefix}.output`), attended]), `${prefix}.output_norm`);
  }
  nodes.push({ opType: "Identity", input: [state], output: ["last_hidden_state"] });

  const int64Input = (name: string) =>
    onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DataType.INT64, shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }] } } } });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "isnad-benchmark",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: quantized ? "e5-shaped-int8" : "e5-shaped",
      node: nodes,
      initializer: initializers,
      input: [int64Input("input_ids"), int64Input("attention_mask"), int64Input("token_type_ids")],
      output: [
        onnx.ValueInfoProto.create({
          name: "last_hidden_state",
          type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }, { dimValue: hidden }] } } },
        }),
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
