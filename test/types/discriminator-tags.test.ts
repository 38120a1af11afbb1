/**
 * A discriminator's tag is typed as the schema it selects declares it. openapi-typescript replaces the
 * tag of each `oneOf` branch (and of each schema inheriting a discriminator) by the mapping's key or the
 * schema's name: TextComment's `commentType: {enum: [text]}` was typed `"TextComment"`, which its own
 * validator refuses (openapi-typescript#2149), and a child's `const` beside the inherited name was `never`.
 * Checked both ways: the values the validators accept compile, the names they refuse do not.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const tagged = (tag: string, values: Record<string, unknown>) => ({ type: "object", required: [tag], properties: { [tag]: values } });

const schemas = {
  // no mapping, each branch declares its value (openapi-typescript#2149)
  Post: { type: "object", properties: { comments: { type: "array", items: { oneOf: [ref("TextComment"), ref("QuoteComment")], discriminator: { propertyName: "commentType" } } } } },
  TextComment: tagged("commentType", { type: "string", enum: ["text"] }),
  QuoteComment: tagged("commentType", { type: "string", enum: ["quote"] }),
  // a mapping: narrowed to the mapped values a schema declares, or its declared ones when it declares none mapped
  Note: { oneOf: [ref("TextNote"), ref("ImageNote")], discriminator: { propertyName: "kind", mapping: { tn: ref("TextNote").$ref, img: ref("ImageNote").$ref, image: ref("ImageNote").$ref } } },
  TextNote: tagged("kind", { const: "text" }),
  ImageNote: tagged("kind", { type: "string", enum: ["img", "picture"] }),
  // one enum both branches share, through a $ref, naming neither: each keeps it
  Shape: { oneOf: [ref("Circle"), ref("Square")], discriminator: { propertyName: "kind" } },
  ShapeKind: { type: "string", enum: ["circle", "square"] },
  Circle: { type: "object", required: ["kind", "r"], properties: { kind: ref("ShapeKind"), r: { type: "number" } } },
  Square: { type: "object", required: ["kind", "side"], properties: { kind: ref("ShapeKind"), side: { type: "number" } } },
  // an enum of the schemas' names: narrowed to each one's own, as before
  Vehicle: { oneOf: [ref("Car"), ref("Bike")], discriminator: { propertyName: "type" } },
  VehicleType: { type: "string", enum: ["Car", "Bike"] },
  Car: { type: "object", required: ["type"], properties: { type: ref("VehicleType") } },
  Bike: { type: "object", required: ["type"], properties: { type: ref("VehicleType") } },
  // inheritance: a child declaring its value, a child that does not (OpenAPI's implicit mapping: its name)
  Pet: { type: "object", required: ["petType"], properties: { petType: { type: "string" }, name: { type: "string" } }, discriminator: { propertyName: "petType" } },
  Dog: { allOf: [ref("Pet"), { type: "object", properties: { petType: { const: "dog" }, barks: { type: "boolean" } } }] },
  Cat: { allOf: [ref("Pet"), { type: "object", properties: { meows: { type: "boolean" } } }] },
};

it("a tag is typed as its schema declares it, narrowed by the discriminator only to values the schema allows", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } }));
  const { files } = await generate({ input: spec, packageName: "tags", targets: ["types", "validators"] });

  // what the validators accept and refuse, the ground truth the types must agree with
  const v = await import(path.join(importableSources(files), "validators.js"));
  expect(v.isPost({ comments: [{ commentType: "text" }, { commentType: "quote" }] })).toBe(true);
  expect(v.isTextComment({ commentType: "TextComment" })).toBe(false);
  expect(v.isNote({ kind: "text" })).toBe(true);
  expect(v.isNote({ kind: "img" })).toBe(true);
  expect(v.isShape({ kind: "square", r: 1 })).toBe(true);
  expect(v.isCircle({ kind: "Circle", r: 1 })).toBe(false);
  expect(v.isDog({ petType: "dog", name: "Rex" })).toBe(true);
  expect(v.isDog({ petType: "Dog" })).toBe(false);

  const consumer = [
    'import type { Bike, Car, Cat, Circle, Dog, ImageNote, Post, Square, TextComment, TextNote } from "./types.js";',
    'export const post: Post = { comments: [{ commentType: "text" }, { commentType: "quote" }] };',
    "// @ts-expect-error the schema's name is no value of its enum",
    'export const named: TextComment = { commentType: "TextComment" };',
    'export const text: TextNote = { kind: "text" };',
    "// @ts-expect-error the mapping's key is no value the schema allows",
    'export const mapped: TextNote = { kind: "tn" };',
    'export const image: ImageNote = { kind: "img" };',
    "// @ts-expect-error declared, but the discriminator names only img for ImageNote",
    'export const picture: ImageNote = { kind: "picture" };',
    'export const circle: Circle = { kind: "square", r: 1 };',
    'export const square: Square = { kind: "circle", side: 1 };',
    "// @ts-expect-error the names are no values of ShapeKind",
    'export const circleName: Circle = { kind: "Circle", r: 1 };',
    'export const car: Car = { type: "Car" };',
    "// @ts-expect-error narrowed to its own name, as openapi-typescript types it",
    'export const bike: Bike = { type: "Car" };',
    'export const dog: Dog = { petType: "dog", name: "Rex", barks: true };',
    "// @ts-expect-error the child's const, not its name",
    'export const dogName: Dog = { petType: "Dog" };',
    'export const cat: Cat = { petType: "Cat", meows: true };',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
