import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/**
 * Writes a tiny BERT-shaped model that transformers.js loads like any hub model: a WordPiece tokenizer whose
 * vocabulary is single characters, and an ONNX graph that is one Gather from a seeded embedding table
 * (input_ids → last_hidden_state). Mean pooling over it gives a bag-of-characters vector — crude, but
 * deterministic, Arabic-aware and produced by the real pipeline, which is what the tests need.
 */
export function writeTinyModel(directory: string, dimensions = 32): void {
  const specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"];
  const characters: string[] = [];
  for (let code = 0x0621; code <= 0x064a; code += 1) characters.push(String.fromCharCode(code));
  for (const c of "0123456789abcdefghijklmnopqrstuvwxyz:") characters.push(c);
  const tokens = [...specials, ...characters, ...characters.map((c) => `##${c}`)];
  const vocab = Object.fromEntries(tokens.map((token, id) => [token, id]));

  mkdirSync(join(directory, "onnx"), { recursive: true });
  writeFileSync(join(directory, "config.json"), JSON.stringify({ model_type: "bert", hidden_size: dimensions, vocab_size: tokens.length }));
  writeFileSync(
    join(directory, "tokenizer_config.json"),
    JSON.stringify({ tokenizer_class: "BertTokenizer", model_max_length: 512, do_lower_case: true, cls_token: "[CLS]", sep_token: "[SEP]", pad_token: "[PAD]", unk_token: "[UNK]" }),
  );
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  writeFileSync(
    join(directory, "tokenizer.json"),
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: specials.map(special),
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
        pair: [
          { SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } },
          { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } },
        ],
        special_tokens: {
          "[CLS]": { id: "[CLS]", ids: [vocab["[CLS]"]], tokens: ["[CLS]"] },
          "[SEP]": { id: "[SEP]", ids: [vocab["[SEP]"]], tokens: ["[SEP]"] },
        },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab },
    }),
  );

  // A seeded linear congruential generator: the same table on every machine and every run.
  let seed = 12345;
  const table = new Float32Array(tokens.length * dimensions);
  for (let i = 0; i < table.length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    table[i] = seed / 2147483648 - 0.5;
  }
  const int64Input = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }] } } },
    });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "isnad-tests",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "tiny-bert",
      node: [{ opType: "Gather", input: ["embedding_table", "input_ids"], output: ["last_hidden_state"], attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
      initializer: [{ name: "embedding_table", dataType: onnx.TensorProto.DataType.FLOAT, dims: [tokens.length, dimensions], rawData: new Uint8Array(table.buffer) }],
      input: [int64Input("input_ids"), int64Input("attention_mask"), int64Input("token_type_ids")],
      output: [
        onnx.ValueInfoProto.create({
          name: "last_hidden_state",
          type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }, { dimValue: dimensions }] } } },
        }),
      ],
    },
  });
  writeFileSync(join(directory, "onnx", "model.onnx"), onnx.ModelProto.encode(model).finish());
}
