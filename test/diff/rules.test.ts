/**
 * Each rule pinned by a base/head pair under test/diff/pairs/<name>/: the exact changes, classification
 * (C: breaking for clients, S: breaking for servers), position and words. A pair that should show no change
 * (the same API written another way) has an empty list.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadForDiff } from "../../generator/diff/load.js";
import { diffSpecs, type DiffOptions } from "../../generator/diff/diff.js";
import { RULES, type Change } from "../../generator/diff/change.js";
import { ROOT } from "../helpers/project.js";

const PAIRS = path.join(ROOT, "test/diff/pairs");

export function line(c: Change): string {
  const loc = c.location ? `${path.basename(c.location.file ?? "")}:${c.location.line}:${c.location.column}` : "?";
  return `${c.id} ${c.breaking.client ? "C" : "-"}${c.breaking.server ? "S" : "-"} ${loc} ${c.message}`;
}

const want: Record<string, string[]> = {
  // keywords inside allOf members apply (an intersection): each member compared with its counterpart
  "all-of-members": [
    "additional-properties-closed C- head.yaml:60:7 POST /closed request body (application/json): additional properties no longer allowed",
    "constraint-tightened C- head.yaml:69:7 POST /counted request body (application/json): minProperties changed from 0 to 1 (tightened)",
    "not-added C- head.yaml:70:7 POST /counted request body (application/json): now excludes values matching a schema (not)",
    // 'x' declared by two members (a $ref and an inline one), then by the object and its member: each declaration compared
    "constraint-tightened C- head.yaml:79:15 POST /both request body (application/json), 'x': maxLength changed from 10 to 3 (tightened)",
    "enum-value-removed C- head.yaml:96:11 POST /own request body (application/json), 'x': enum value \"b\" removed (clients sending it are refused)",
  ],
  // Base's own keywords, reached as S's allOf member and then alone: reported once, at the first
  "all-of-member-shared": [
    "constraint-tightened C- head.yaml:22:27 POST /s request body (application/json), 'a': maxLength changed from 5 to 3 (tightened)",
    "constraint-tightened C- head.yaml:20:7 POST /s request body (application/json): minProperties changed from 0 to 2 (tightened)",
    "additional-properties-closed C- head.yaml:19:7 POST /s request body (application/json): additional properties no longer allowed",
  ],
  "array-items": [
    "items-added C- head.yaml:20:30 POST /lists request body (application/json), 'open': items now constrained (items)",
    "items-removed -S base.yaml:21:32 POST /lists request body (application/json), 'closed': items no longer constrained (items)",
    "items-added -S head.yaml:26:30 POST /lists response 200 (application/json), 'open': items now constrained (items)",
    "items-removed C- base.yaml:27:32 POST /lists response 200 (application/json), 'closed': items no longer constrained (items)",
  ],
  // no schema is any value: one change for the body, not one per property of the schema on the other side
  "body-schema": [
    "type-narrowed C- head.yaml:15:13 POST /pets request body (application/octet-stream): schema added where any value was (narrowed)",
    "type-widened C- head.yaml:22:13 POST /pets response 200 (application/json): schema removed: any value now (widened)",
  ],
  "callbacks": [
    "callback-removed C- base.yaml:22:13 POST /subscriptions callback 'onEvent' PUT '{$request.body#/callbackUrl}': removed (consumers no longer receive it); it was not deprecated: deprecate it first, with an x-sunset date",
    "callback-deprecated -- head.yaml:12:15 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}': deprecated",
    "deprecation-sunset-too-soon C- head.yaml:12:15 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}': deprecated without an x-sunset date (--deprecation-days 30 asks for one on or after 2026-07-01)",
    "enum-value-added C- head.yaml:22:47 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}' payload (application/json), 'kind': enum value \"refunded\" added (clients may receive a value they do not know)",
    "property-added -S head.yaml:21:25 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}' payload (application/json), 'at': required property added (servers must return it)",
    "callback-removed C- base.yaml:25:13 POST /subscriptions callback 'onCancel' POST '{$request.body#/cancelUrl}': removed (consumers no longer receive it); it was not deprecated: deprecate it first, with an x-sunset date",
    "callback-url-changed CS head.yaml:25:11 POST /subscriptions callback 'onMove': URL expression changed from '{$request.body#/oldUrl}' to '{$request.body#/newUrl}' (consumers that gave the old one no longer receive it; the API must send to the new one)",
    "callback-removed-after-sunset -- base.yaml:31:13 POST /subscriptions callback 'onLegacy' POST '{$request.body#/legacyUrl}': removed; its x-sunset 2026-01-01 has come (it was deprecated with notice)",
    "callback-removed C- base.yaml:34:13 POST /subscriptions callback 'onSoon' POST '{$request.body#/soonUrl}': removed (consumers no longer receive it); it was deprecated, but removed before its sunset 2026-12-31",
    "callback-added -S head.yaml:29:13 POST /subscriptions callback 'onRenew' POST '{$request.body#/renewUrl}': added (the API must send it)",
    // components.callbacks.Status is shared by POST /payments and POST /refunds: reported once, at the first operation that reaches it
    "callback-added -S head.yaml:71:7 POST /payments callback 'status' PUT '{$request.body#/statusUrl}': added (the API must send it)",
    "property-became-required -S head.yaml:69:19 POST /payments callback 'status' POST '{$request.body#/statusUrl}' payload (application/json), 'state': became required (servers must always return it)",
    // a sent request's own callbacks are compared in turn
    "nullable-added C- head.yaml:52:77 webhook newPet (POST) callback 'ack' POST '{$request.body#/ackUrl}' payload (application/json), 'ok': now allows null",
  ],
  // an object with additionalProperties: false refused every other name: a response property added is one
  // clients validating the base refuse, one removed one servers must stop returning (unless a pattern allows it)
  "closed-objects": [
    "property-added -S head.yaml:44:9 POST /apps request body (application/json), 'region': optional property added (servers must read it)",
    "property-removed CS base.yaml:38:9 POST /apps response 201 (application/json), 'legacy': property removed (clients cope without it at run time, but generated types lose it; the object allows no other properties: servers must stop returning it); it was not deprecated: deprecate it first, with an x-sunset date",
    "property-added C- head.yaml:38:9 POST /apps response 201 (application/json), 'created': optional property added (the object allowed no other properties: clients validating it refuse it)",
    "property-removed CS base.yaml:51:9 GET /notes response 200 (application/json), 'old': property removed (clients cope without it at run time, but generated types lose it; the object allows no other properties: servers must stop returning it); it was not deprecated: deprecate it first, with an x-sunset date",
    "property-added C- head.yaml:52:9 GET /notes response 200 (application/json), 'tag': optional property added (the object allowed no other properties: clients validating it refuse it)",
    "property-added -- head.yaml:53:9 GET /notes response 200 (application/json), 'x-trace': optional property added",
    // additionalProperties: false sees the object's own properties only: a name an allOf member adds is refused in both
    "property-added -- head.yaml:61:9 GET /shipments response 200 (application/json), 'is_return': optional property added",
  ],
  "composition": [
    "variant-removed C- base.yaml:26:53 POST /pets request body (application/json): anyOf branch 'Dog' removed",
    "constraint-tightened C- head.yaml:25:82 POST /pets request body (application/json), '<anyOf Name>': maxLength 20 added (tightened)",
    "all-of-added C- head.yaml:26:37 POST /pets request body (application/json): allOf member inline schema added",
    "variant-added C- head.yaml:22:91 POST /pets response 200 (application/json): oneOf branch 'Bird' added",
    "all-of-removed C- base.yaml:24:15 POST /pets response 200 (application/json): allOf member inline schema removed",
    "discriminator-changed C- head.yaml:23:7 POST /pets response 200 (application/json): discriminator value 'bird' added",
  ],
  "deprecation": [
    "operation-removed-after-sunset -- base.yaml:4:9 GET /a: operation removed (the whole path is gone); its x-sunset 2026-01-01 has come (it was deprecated with notice)",
    "operation-removed C- base.yaml:5:9 GET /b: operation removed (the whole path is gone); it was deprecated, but removed before its sunset 2026-12-31",
    "operation-removed C- base.yaml:6:9 GET /c: operation removed (the whole path is gone); it was not deprecated: deprecate it first, with an x-sunset date",
    "operation-removed C- base.yaml:7:9 GET /d: operation removed (the whole path is gone); it was deprecated, but without an x-sunset date to remove it after",
    "operation-removed C- base.yaml:8:9 GET /e: operation removed (the whole path is gone); it was deprecated, but x-sunset 'soon' is not a date (write YYYY-MM-DD)",
    "operation-deprecated -- head.yaml:4:32 GET /f: deprecated",
    "deprecation-sunset-too-soon C- head.yaml:4:50 GET /f: deprecated with x-sunset 2026-06-15, sooner than --deprecation-days 30 allows (on or after 2026-07-01)",
    "operation-deprecated -- head.yaml:5:32 GET /g: deprecated",
    "operation-deprecated -- head.yaml:6:32 GET /h: deprecated",
    "deprecation-sunset-too-soon C- head.yaml:6:32 GET /h: deprecated without an x-sunset date (--deprecation-days 30 asks for one on or after 2026-07-01)",
    "deprecation-sunset-too-soon C- head.yaml:7:50 GET /i: x-sunset moved from '2026-12-01' to 2026-06-10, sooner than --deprecation-days 30 allows (on or after 2026-07-01)",
    "parameter-removed-after-sunset -- base.yaml:17:11 GET /pets query parameter 'old': removed; its x-sunset 2026-05-01 has come (it was deprecated with notice)",
    "parameter-removed C- base.yaml:18:11 GET /pets query parameter 'legacy': removed (generated clients no longer send it; clients that do send what servers may no longer read); it was not deprecated: deprecate it first, with an x-sunset date",
    "parameter-deprecated -- head.yaml:12:36 GET /pets query parameter 'mode': deprecated",
    "deprecation-sunset-too-soon C- head.yaml:12:54 GET /pets query parameter 'mode': deprecated with x-sunset 2026-06-02, sooner than --deprecation-days 30 allows (on or after 2026-07-01)",
    "property-removed-after-sunset -- base.yaml:38:9 GET /pets response 200 (application/json), 'nick': property removed; its x-sunset 2025-12-31 has come (it was deprecated with notice)",
    "property-removed C- base.yaml:39:9 GET /pets response 200 (application/json), 'tag': property removed (clients cope without it at run time, but generated types lose it); it was not deprecated: deprecate it first, with an x-sunset date",
    "schema-deprecated -- head.yaml:27:31 GET /pets response 200 (application/json), 'age': deprecated",
    "deprecation-sunset-too-soon C- head.yaml:27:49 GET /pets response 200 (application/json), 'age': deprecated with x-sunset 2026-06-20, sooner than --deprecation-days 30 allows (on or after 2026-07-01)",
    "response-header-removed-after-sunset -- base.yaml:24:13 GET /pets response 200: header 'X-Old' removed; its x-sunset 2026-05-01 has come (it was deprecated with notice)",
    "response-header-removed C- base.yaml:25:13 GET /pets response 200: header 'X-Soon' removed (clients reading it get nothing); it was deprecated, but removed before its sunset 2026-12-31",
    "response-header-deprecated -- head.yaml:17:23 GET /pets response 200: header 'X-Rate' deprecated",
    "deprecation-sunset-too-soon C- head.yaml:17:41 GET /pets response 200: header 'X-Rate': deprecated with x-sunset 2026-06-05, sooner than --deprecation-days 30 allows (on or after 2026-07-01)",
    "webhook-removed-after-sunset -- base.yaml:30:14 webhook oldHook (POST): removed; its x-sunset 2026-01-01 has come (it was deprecated with notice)",
    "webhook-removed C- base.yaml:31:15 webhook liveHook (POST): removed (consumers no longer receive it); it was not deprecated: deprecate it first, with an x-sunset date",
    "webhook-deprecated -- head.yaml:21:23 webhook keptHook (POST): deprecated",
    "deprecation-sunset-too-soon C- head.yaml:21:23 webhook keptHook (POST): deprecated without an x-sunset date (--deprecation-days 30 asks for one on or after 2026-07-01)",
  ],
  // 'cat: Cat' and 'cat: #/components/schemas/Cat' name one schema; 'dog' really moved
  "discriminator-mapping": [
    "discriminator-changed CS head.yaml:24:7 POST /pets request body (application/json): discriminator value 'dog' now maps to '#/components/schemas/Wolf'",
  ],
  "equivalent-30-31": [
  ],
  // the bound in effect compared: '< 10' to '<= 10' loosens, '>= 5' to '> 5' tightens; 'capped' kept its tighter maximum 5
  "exclusive-bounds": [
    "constraint-loosened -S head.yaml:17:19 POST /readings request body (application/json), 'below': exclusiveMaximum 10 became maximum 10 (loosened)",
    "constraint-tightened C- head.yaml:20:19 POST /readings request body (application/json), 'above': minimum 5 became exclusiveMinimum 5 (tightened)",
    "constraint-tightened C- head.yaml:26:19 POST /readings request body (application/json), 'lower': exclusiveMaximum changed from 10 to 8 (tightened)",
  ],
  "operation-metadata": [
    "operation-id-changed CS head.yaml:5:12 GET /pets: operationId changed from 'listPets' to 'listAllPets' (the wire is unchanged, but generated client methods and server handlers are renamed)",
    "operation-undeprecated -- head.yaml:7:5 PUT /pets: no longer deprecated",
    "operation-deprecated -- head.yaml:6:37 POST /pets: deprecated",
  ],
  "operations": [
    "operation-removed C- base.yaml:6:5 POST /pets: operation removed; it was not deprecated: deprecate it first, with an x-sunset date",
    "operation-removed C- base.yaml:8:5 GET /old: operation removed (the whole path is gone); it was deprecated, but without an x-sunset date to remove it after",
    "operation-added -S head.yaml:7:5 GET /new: operation added (servers must implement it)",
  ],
  "operations-32": [
    "property-became-required C- head.yaml:10:69 QUERY /search request body (application/json), 'text': became required (clients must send it)",
    "operation-removed C- base.yaml:15:7 LINK /items/{id}: operation removed; it was not deprecated: deprecate it first, with an x-sunset date",
    "constraint-tightened C- head.yaml:25:77 GET /list querystring parameter 'filter' (application/x-www-form-urlencoded), 'limit': maximum changed from 100 to 50 (tightened)",
    "operation-added -S head.yaml:16:7 UNLINK /items/{id}: operation added (servers must implement it)",
  ],
  // a parameter or header described by content: compared by that content's schema, against a schema on the other side
  "parameter-content": [
    "parameter-serialization-changed CS head.yaml:14:13 GET /pets query parameter 'filter': now written as content 'application/json', was a schema (its style) (both sides must agree on the encoding)",
    "type-changed CS head.yaml:15:15 GET /pets query parameter 'filter' (application/json): type changed from string to object",
    "constraint-loosened -S head.yaml:14:13 GET /pets query parameter 'filter' (application/json): maxLength 10 removed (loosened)",
    "parameter-serialization-changed CS head.yaml:20:13 GET /pets query parameter 'sort': now written as content 'text/plain', was content 'application/json' (both sides must agree on the encoding)",
    "type-changed CS head.yaml:30:21 GET /pets response 200: header 'X-Rate': type changed from integer to string",
  ],
  "parameter-schemas": [
    "constraint-tightened C- head.yaml:8:62 GET /pets query parameter 'limit': maximum changed from 100 to 50 (tightened)",
    "enum-value-removed C- head.yaml:9:62 GET /pets query parameter 'status': enum value \"pending\" removed (clients sending it are refused)",
    "enum-value-added -S head.yaml:9:62 GET /pets query parameter 'status': enum value \"adopted\" added (servers must accept it)",
  ],
  "parameters": [
    "parameter-became-required C- head.yaml:10:37 GET /pets query parameter 'limit': became required (clients must always send it)",
    "parameter-removed C- base.yaml:11:11 GET /pets query parameter 'offset': removed (generated clients no longer send it; clients that do send what servers may no longer read); it was not deprecated: deprecate it first, with an x-sunset date",
    "parameter-location-changed CS head.yaml:11:11 GET /pets query parameter 'sort': moved from query to header",
    "parameter-deprecated -- head.yaml:12:36 GET /pets query parameter 'page': deprecated",
    "parameter-serialization-changed CS head.yaml:13:11 GET /pets query parameter 'tags': serialization changed from form/true to form/false (style/explode)",
    "parameter-became-optional -S head.yaml:14:11 GET /pets cookie parameter 'session': became optional (servers must cope without it)",
    "parameter-added -S head.yaml:15:11 GET /pets header parameter 'X-Trace': optional parameter added (servers must read it)",
    "parameter-added CS head.yaml:16:11 GET /pets query parameter 'filter': required parameter added (clients must send it, servers must read it)",
  ],
  "path-variable-renamed": [
    "path-parameter-renamed CS head.yaml:7:20 GET /pets/{petId} path parameter 'petId': path variable renamed from 'id' (the wire is unchanged; generated client inputs and server handler types change)",
  ],
  "recursive": [
    "property-added -S head.yaml:27:9 GET /tree response 200 (application/json), 'size': required property added (servers must return it)",
    "property-added CS head.yaml:27:9 PUT /tree request body (application/json), 'size': required property added (clients must send it, servers must read it)",
  ],
  // 'b' reaches Str first as a plain $ref; 'a' is Str with its own maxLength: compared all the same
  // a keyword written beside a $ref is shown where it is written, not at the target (Str), which does not hold it
  "ref-siblings": [
    "constraint-tightened C- head.yaml:31:11 POST /a request body (application/json), 'a': maxLength changed from 10 to 5 (tightened)",
    "schema-deprecated -- head.yaml:34:11 POST /a request body (application/json), 'c': deprecated",
    "constraint-tightened -S head.yaml:31:11 POST /a response 200 (application/json), 'a': maxLength changed from 10 to 5 (tightened)",
    "schema-deprecated -- head.yaml:34:11 POST /a response 200 (application/json), 'c': deprecated",
  ],
  // the target's properties apply beside the $ref's own (note): their changes are compared
  "ref-sibling-properties": [
    "constraint-tightened C- head.yaml:23:46 POST /up request body (application/json), 'file': maxLength 3 added (tightened)",
    "property-removed C- base.yaml:24:9 POST /up request body (application/json), 'title': property removed (clients sending it send what the server no longer reads); it was not deprecated: deprecate it first, with an x-sunset date",
  ],
  "request-bodies": [
    "request-body-became-required C- head.yaml:6:22 POST /a: request body became required (clients must always send one)",
    "request-body-removed C- base.yaml:10:7 POST /b: request body removed (generated clients no longer send one)",
    "request-body-added CS head.yaml:12:7 POST /c: required request body added (clients must send it, servers must read it)",
    "request-body-became-optional -S head.yaml:16:7 POST /d: request body became optional (servers must cope without one)",
    "request-media-type-removed C- base.yaml:20:11 POST /d: request media type 'application/xml' removed (clients sending it are refused)",
    "request-media-type-added -S head.yaml:19:11 POST /d: request media type 'multipart/form-data' added (servers must accept it)",
  ],
  "request-properties": [
    "property-removed C- base.yaml:20:9 POST /pets request body (application/json), 'nickname': property removed (clients sending it send what the server no longer reads); it was not deprecated: deprecate it first, with an x-sunset date",
    "property-became-required C- head.yaml:21:9 POST /pets request body (application/json), 'age': became required (clients must send it)",
    "type-widened -S head.yaml:21:16 POST /pets request body (application/json), 'age': type changed from integer to number (widened)",
    "format-added C- head.yaml:22:32 POST /pets request body (application/json), 'email': format 'email' added",
    "constraint-tightened C- head.yaml:23:30 POST /pets request body (application/json), 'tags': maxItems changed from 10 to 5 (tightened)",
    "constraint-loosened -S head.yaml:24:31 POST /pets request body (application/json), 'note': maxLength changed from 100 to 200 (loosened)",
    "pattern-changed CS head.yaml:25:31 POST /pets request body (application/json), 'code': pattern changed from '^[A-Z]+$' to '^[A-Z0-9]+$'",
    "enum-value-removed C- head.yaml:26:31 POST /pets request body (application/json), 'kind': enum value \"bird\" removed (clients sending it are refused)",
    "enum-value-added -S head.yaml:26:31 POST /pets request body (application/json), 'kind': enum value \"fish\" added (servers must accept it)",
    "nullable-removed C- head.yaml:27:9 POST /pets request body (application/json), 'owner': no longer allows null",
    "property-became-read-only C- head.yaml:28:9 POST /pets request body (application/json), 'id': became readOnly (clients may no longer send it)",
    "property-added -S head.yaml:30:9 POST /pets request body (application/json), 'color': optional property added (servers must read it)",
    "property-added -S head.yaml:31:9 POST /pets request body (application/json), 'species': optional property added (servers must read it)",
    "additional-properties-closed C- head.yaml:18:7 POST /pets request body (application/json): additional properties no longer allowed",
  ],
  "response-properties": [
    "property-became-optional C- head.yaml:21:9 GET /pets/{id} response 200 (application/json), 'name': no longer required (clients may no longer find it)",
    "property-became-required -S head.yaml:22:9 GET /pets/{id} response 200 (application/json), 'nickname': became required (servers must always return it)",
    "type-narrowed -S head.yaml:23:19 GET /pets/{id} response 200 (application/json), 'weight': type changed from number to integer (narrowed)",
    "constraint-loosened C- head.yaml:23:34 GET /pets/{id} response 200 (application/json), 'weight': minimum changed from 0 to -10 (loosened)",
    "enum-value-removed -S head.yaml:24:31 GET /pets/{id} response 200 (application/json), 'kind': enum value \"bird\" removed (servers must stop returning it)",
    "enum-value-added C- head.yaml:24:31 GET /pets/{id} response 200 (application/json), 'kind': enum value \"fish\" added (clients may receive a value they do not know)",
    "format-removed C- head.yaml:25:9 GET /pets/{id} response 200 (application/json), 'born': format 'date' removed",
    "nullable-added C- head.yaml:26:9 GET /pets/{id} response 200 (application/json), 'owner': now allows null",
    "additional-properties-opened C- head.yaml:27:9 GET /pets/{id} response 200 (application/json), 'extra': additional properties now allowed",
    "property-became-write-only C- head.yaml:28:9 GET /pets/{id} response 200 (application/json), 'password': became writeOnly (no longer returned)",
    "schema-deprecated -- head.yaml:29:55 GET /pets/{id} response 200 (application/json), 'tags': deprecated",
    "property-removed C- base.yaml:30:9 GET /pets/{id} response 200 (application/json), 'legacy': property removed (clients cope without it at run time, but generated types lose it); it was not deprecated: deprecate it first, with an x-sunset date",
    // a map whose values had a schema and now have none: they were allowed, now unconstrained
    "additional-properties-opened C- head.yaml:31:9 GET /pets/{id} response 200 (application/json), 'labels': additional properties no longer constrained by a schema",
    "property-added -- head.yaml:30:9 GET /pets/{id} response 200 (application/json), 'color': optional property added",
  ],
  "responses": [
    "response-media-type-removed CS base.yaml:16:13 POST /pets response 201: media type 'application/xml' removed (clients asking for it get something else; servers must stop sending it)",
    "response-media-type-added -- head.yaml:16:13 POST /pets response 201: media type 'text/csv' added (sent only to clients that ask for it)",
    "response-header-removed C- base.yaml:11:13 POST /pets response 201: header 'X-Rate' removed (clients reading it get nothing); it was not deprecated: deprecate it first, with an x-sunset date",
    "response-header-became-required -S head.yaml:11:13 POST /pets response 201: header 'X-Request-Id' became required (servers must always send it)",
    "response-header-became-optional C- head.yaml:12:13 POST /pets response 201: header 'Location' no longer required (clients must cope without it)",
    "response-header-added -- head.yaml:13:13 POST /pets response 201: optional header 'X-Cost' added",
    "response-status-removed -S base.yaml:17:9 POST /pets: response 404 removed (servers must stop returning it)",
    "response-status-added -- head.yaml:17:9 POST /pets: response 500 added",
    "response-status-removed CS base.yaml:23:9 DELETE /pets/{id}: response 200 removed (clients expecting it may get another response; servers must stop returning it)",
    "response-status-added C- head.yaml:23:9 DELETE /pets/{id}: response 204 added (clients written before it may not know how to read this success)",
  ],
  "schema-keywords": [
    "type-narrowed C- head.yaml:20:65 POST /things request body (application/json), 'point[1]': type changed from number to integer (narrowed)",
    "prefix-item-added C- head.yaml:20:82 POST /things request body (application/json), 'point[2]': tuple position added (the item at that position is now constrained)",
    "prefix-item-removed C- base.yaml:21:62 POST /things request body (application/json), 'pair[1]': tuple position removed (the tuple may no longer be that long)",
    "constraint-tightened C- head.yaml:22:63 POST /things request body (application/json), 'tags': items beyond the first 1 no longer allowed (tightened)",
    "type-changed CS head.yaml:23:61 POST /things request body (application/json), 'meta{/^x-/}': type changed from string to integer",
    "pattern-property-added C- head.yaml:23:78 POST /things request body (application/json), 'meta': patternProperties '^y-' added (names matching it are now constrained)",
    "pattern-property-added -S head.yaml:24:83 POST /things request body (application/json), 'closed': patternProperties '^z' added (names matching it are now allowed)",
    "dependent-required-removed -S base.yaml:25:72 POST /things request body (application/json), 'billing': 'country' no longer required when 'phone' is present",
    "dependent-required-added C- head.yaml:25:55 POST /things request body (application/json), 'billing': 'zip' now required when 'card' is present",
    "not-changed C- head.yaml:26:18 POST /things request body (application/json), 'value': excluded types changed from null to null | string (not) (narrowed)",
    "not-added C- head.yaml:27:31 POST /things request body (application/json), 'name': now excludes string (not)",
    "enum-value-removed C- head.yaml:28:17 POST /things request body (application/json), 'kind': enum value \"a\" removed (clients sending it are refused)",
    "enum-value-added -S head.yaml:28:17 POST /things request body (application/json), 'kind': enum value \"b\" added (servers must accept it)",
    "prefix-item-added -S head.yaml:32:63 POST /things response 200 (application/json), 'point[1]': tuple position added (the item at that position is now constrained)",
    "pattern-property-removed C- base.yaml:33:52 POST /things response 200 (application/json), 'meta': patternProperties '^x-' removed (names matching it are no longer constrained)",
    "dependent-required-removed C- base.yaml:34:55 POST /things response 200 (application/json), 'billing': 'address' no longer required when 'card' is present",
    "not-removed C- head.yaml:35:9 POST /things response 200 (application/json), 'code': no longer excludes values matching a schema (not)",
    "not-changed CS head.yaml:36:15 POST /things response 200 (application/json), 'id': excluded types changed from integer | string to boolean | string (not)",
  ],
  "schema-subschemas": [
    "contains-added C- head.yaml:20:55 POST /things request body (application/json), 'tags': arrays must now hold at least 2 items matching contains",
    "constraint-tightened C- head.yaml:21:84 POST /things request body (application/json), 'roles': minContains changed from 1 to 2 (tightened)",
    "contains-changed CS head.yaml:22:57 POST /things request body (application/json), 'capped': the schema some items must match (contains) changed beside maxContains: more or fewer arrays may now be accepted",
    "property-names-added C- head.yaml:23:73 POST /things request body (application/json), 'labels': property names now constrained (propertyNames)",
    "constraint-tightened C- head.yaml:24:49 POST /things request body (application/json), 'named<propertyNames>': maxLength changed from 20 to 10 (tightened)",
    "unevaluated-items-added C- head.yaml:25:64 POST /things request body (application/json), 'tuple': items no other keyword evaluates are now constrained (unevaluatedItems)",
    "property-became-required C- head.yaml:26:59 POST /things request body (application/json), 'card<if card present>.zip': became required (clients must send it)",
    "dependent-schema-added C- head.yaml:26:87 POST /things request body (application/json), 'card': objects holding 'phone' must now also match a schema (dependentSchemas)",
    "conditional-added C- head.yaml:31:11 POST /things request body (application/json), 'shipping': values not matching the condition must now match else",
    "conditional-changed CS head.yaml:34:11 POST /things request body (application/json), 'payment': the condition (if) changed, so values may move between then and else: review whether clients or servers break",
    "conditional-removed -S base.yaml:37:11 POST /things request body (application/json), 'delivery': values are no longer constrained by a condition (if/then/else)",
    "contains-removed C- base.yaml:43:56 POST /things response 200 (application/json), 'roles': arrays no longer need an item matching contains",
    "property-names-removed C- base.yaml:44:32 POST /things response 200 (application/json), 'named': property names no longer constrained (propertyNames)",
    "unevaluated-items-removed C- base.yaml:45:64 POST /things response 200 (application/json), 'tuple': items no other keyword evaluates are now allowed (unevaluatedItems)",
    "dependent-schema-removed C- base.yaml:46:51 POST /things response 200 (application/json), 'card': objects holding 'card' no longer need to match a schema (dependentSchemas)",
    "property-became-required -S head.yaml:48:19 POST /things response 200 (application/json), 'shipping<then>.state': became required (servers must always return it)",
  ],
  "schema-values": [
    "type-changed CS head.yaml:17:14 POST /things request body (application/json), 'a': type changed from string to integer",
    "type-widened -S head.yaml:18:14 POST /things request body (application/json), 'b': type changed from integer to number (widened)",
    "type-narrowed C- head.yaml:19:14 POST /things request body (application/json), 'c': type changed from number to integer (narrowed)",
    "enum-added C- head.yaml:20:28 POST /things request body (application/json), 'd': values now restricted to \"x\"",
    "enum-removed -S head.yaml:21:9 POST /things request body (application/json), 'e': values no longer restricted (were \"x\", \"y\")",
    "pattern-removed -S head.yaml:22:9 POST /things request body (application/json), 'f': pattern '^a' removed",
    "format-changed CS head.yaml:23:28 POST /things request body (application/json), 'g': format changed from 'date' to 'date-time'",
    "constraint-tightened C- head.yaml:24:28 POST /things request body (application/json), 'h': multipleOf changed from 2 to 4 (tightened)",
    "constraint-tightened C- head.yaml:25:27 POST /things request body (application/json), 'i': items must now be unique (tightened)",
    "constraint-loosened -S head.yaml:26:9 POST /things request body (application/json), 'j': minimum 1 removed (loosened)",
    "constraint-tightened C- head.yaml:27:51 POST /things request body (application/json), 'k': minimum 0 added (tightened)",
    "enum-added C- head.yaml:28:28 POST /things request body (application/json), 'l': values now restricted to \"ab\"",
    "constraint-loosened -S head.yaml:28:9 POST /things request body (application/json), 'l': minLength changed from 2 to 0 (loosened)",
    "type-changed CS head.yaml:29:52 POST /things request body (application/json), 'm{}': type changed from string to integer",
    "pattern-added C- head.yaml:30:28 POST /things request body (application/json), 'n': pattern '^[a-z]+$' added",
    // a request format widened: servers get larger values; narrowed: clients' larger values are refused
    "format-widened -S head.yaml:31:29 POST /things request body (application/json), 'o': format changed from 'int32' to 'int64' (widened)",
    "format-narrowed C- head.yaml:32:28 POST /things request body (application/json), 'q': format changed from 'double' to 'float' (narrowed)",
    // enum values compared as JSON values: {b: 2, a: 1} is {a: 1, b: 2}
    "enum-value-removed C- head.yaml:33:28 POST /things request body (application/json), 'r': enum value {\"a\":3} removed (clients sending it are refused)",
  ],
  "security": [
    "security-added CS head.yaml:5:31 GET /open: now requires authentication ('key')",
    "security-removed -S head.yaml:7:33 GET /locked: no longer requires authentication (servers must accept anonymous calls)",
    "security-requirement-added -S head.yaml:9:60 GET /either: security requirement 'key' added as an alternative (servers must accept it)",
    // the same scheme with another scope: a scope change, not one alternative removed and another added
    "security-requirement-scopes-added C- head.yaml:11:46 GET /scoped: security requirement 'oauth': scope 'write' now asked for (clients whose credentials lack it are refused)",
    "security-requirement-scopes-removed -S head.yaml:13:47 GET /trimmed: security requirement 'oauth': scope 'write' no longer asked for (servers must accept credentials without it)",
    "security-requirement-removed C- base.yaml:15:62 GET /narrowed: security requirement 'key' removed or changed (clients authenticating that way are refused)",
    "security-scheme-changed CS head.yaml:19:26 security scheme 'key': in changed from 'header' to 'query'",
    "security-scheme-changed CS head.yaml:19:37 security scheme 'key': name changed from 'X-Key' to 'key'",
    "security-scheme-changed CS head.yaml:23:30 security scheme 'oauth': clientCredentials tokenUrl changed from 'https://auth.example.com/token' to 'https://auth.example.com/oauth/token'",
    "security-scope-removed C- base.yaml:23:103 security scheme 'oauth': clientCredentials scope 'admin' removed (clients requesting it are refused)",
  ],
  "sent-parts": [
    // a callback's and a webhook's request is written by the API and read by consumers, their answer the other way round
    "parameter-became-optional C- head.yaml:12:17 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}' header parameter 'X-Delivery': became optional (consumers must cope without it)",
    "parameter-became-required -S head.yaml:15:45 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}' query parameter 'token': became required (the API must always send it)",
    "request-body-became-optional C- head.yaml:16:15 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}': payload became optional (consumers must cope without one)",
    "request-media-type-removed CS base.yaml:20:19 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}': payload media type 'application/xml' removed (consumers reading it get something else; the API must stop sending it)",
    "response-header-became-optional -S head.yaml:20:57 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}' response 200: header 'X-Receipt' no longer required (the API must cope without it)",
    "response-status-removed C- base.yaml:23:17 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}': response 410 removed (consumers must stop returning it)",
    "response-status-added -S head.yaml:21:17 POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}': response 202 added (the API written before it may not know how to read this success)",
    // components.callbacks.Status is shared by POST /payments and POST /refunds: its changes are reported once, at the first operation that reaches it
    "parameter-added -S head.yaml:56:15 POST /payments callback 'status' POST '{$request.body#/statusUrl}' header parameter 'X-Signature': required parameter added (the API must send it)",
    "request-body-removed CS base.yaml:55:11 POST /payments callback 'status' POST '{$request.body#/statusUrl}': payload removed (consumers reading it get none; the API must stop sending one)",
    // a parameter's schema is compared as a response (the API writes it), the answer's body as a request
    "constraint-tightened -S head.yaml:38:67 webhook orderShipped (POST) header parameter 'X-Attempt': maximum changed from 10 to 5 (tightened)",
    "parameter-removed C- base.yaml:41:11 webhook orderShipped (POST) header parameter 'X-Trace': removed (consumers reading it get nothing); it was not deprecated: deprecate it first, with an x-sunset date",
    "parameter-added -S head.yaml:39:11 webhook orderShipped (POST) header parameter 'X-Signature': required parameter added (the API must send it)",
    "request-media-type-added C- head.yaml:43:11 webhook orderShipped (POST): payload media type 'application/x-www-form-urlencoded' added (consumers must accept it)",
    "property-became-required C- head.yaml:48:87 webhook orderShipped (POST) response 200 (application/json), 'ok': became required (clients must send it)",
    "response-status-added -- head.yaml:49:9 webhook orderShipped (POST): response 410 added",
  ],
  "servers": [
    "server-removed C- base.yaml:4:5 the API: server 'https://api.example.com/v1' removed (clients configured with it must move)",
    "server-added -- head.yaml:5:5 the API: server 'https://api.example.com/v2' added",
    "server-removed C- base.yaml:10:17 GET /pets: server 'https://pets.example.com' removed (clients configured with it must move)",
    "server-added -- head.yaml:4:5 GET /pets: server 'https://staging.example.com/v1' added",
    "server-added -- head.yaml:5:5 GET /pets: server 'https://api.example.com/v2' added",
  ],
  // a schema against a union of it and more: read as a one-branch union (not a type change, nor its properties removed)
  // User's required list changed once (reached through allOf and a nullable anyOf); editor's own list is another change
  "shared-required": [
    "property-became-optional C- head.yaml:36:9 GET /posts response 200 (application/json), 'author.login': no longer required (clients may no longer find it)",
    "property-became-optional C- head.yaml:36:9 GET /posts response 200 (application/json), 'editor.login': no longer required (clients may no longer find it)",
  ],
  // one change for the switch, and the branches still compared pairwise
  "union-kind": [
    "type-narrowed C- head.yaml:13:15 POST /shapes request body (application/json): anyOf became oneOf (a value must now match exactly one branch)",
    "type-widened C- head.yaml:22:17 POST /shapes response 200 (application/json): oneOf became anyOf (a value may now match several branches)",
    "variant-removed -S base.yaml:24:21 POST /shapes response 200 (application/json): anyOf branch 'Square' removed",
  ],
  // a $ref branch whose component the other version lacks (renamed) pairs as an inline one: compared by what it
  // holds, not a branch removed and another added; Dog, still a component of head, is a branch removed.
  "union-renamed": [
    "enum-added C- head.yaml:52:32 PUT /steps request body (application/json), '<oneOf technique-block>.logic': values now restricted to \"worst\", \"focus\"",
    "variant-removed C- base.yaml:21:19 PUT /kinds request body (application/json): oneOf branch 'Dog' removed",
    // under a discriminator without a mapping the name is the tag: a renamed branch is one removed and one added
    "variant-removed C- base.yaml:70:54 PUT /animals request body (application/json): oneOf branch 'Fox' removed",
    "variant-added -S head.yaml:69:54 PUT /animals request body (application/json): oneOf branch 'Vixen' added",
    // a discriminator value whose target both versions renamed names the same branch: paired by it (not by
    // order, which changed), compared by what it holds, and no discriminator-changed
    "constraint-tightened C- head.yaml:65:108 PUT /pets request body (application/json), '<oneOf pet-dog>.bark': maxLength 5 added (tightened)",
    "constraint-tightened C- head.yaml:66:108 PUT /pets request body (application/json), '<oneOf pet-cat>.meow': maxLength 9 added (tightened)",
  ],

  "union-single": [
    "variant-added -S head.yaml:15:19 POST /grow request body (application/json): oneOf branch 'B' added",
    "variant-added -S head.yaml:28:19 POST /nullable request body (application/json): oneOf branch 'B' added",
    "variant-removed C- base.yaml:39:19 POST /shrink request body (application/json): anyOf branch 'B' removed",
    "constraint-tightened C- head.yaml:61:11 POST /shrink request body (application/json), '<anyOf C>.z': maxLength changed from 10 to 5 (tightened)",
  ],
  // the wrapper is the union it wraps: only what changed inside it, and the null it now allows
  "union-wrapped": [
    "constraint-tightened -S head.yaml:63:11 GET /described response 200 (application/json), '<oneOf Square>.side': maximum changed from 10 to 5 (tightened)",
    "nullable-added -S head.yaml:27:17 POST /nullable request body (application/json), 'shape': now allows null",
    "constraint-tightened C- head.yaml:63:11 POST /nullable request body (application/json), 'shape<oneOf Square>.side': maximum changed from 10 to 5 (tightened)",
    // null no longer allowed is shown at the property that allowed it, not in the component it wrapped
    "nullable-removed -S head.yaml:45:19 GET /unnulled response 200 (application/json), 'circle': no longer allows null",
  ],
  "webhooks": [
    "enum-value-added C- head.yaml:15:39 webhook newPet (POST) payload (application/json), 'kind': enum value \"bird\" added (clients may receive a value they do not know)",
    "property-added -S head.yaml:14:17 webhook newPet (POST) payload (application/json), 'name': required property added (servers must return it)",
    "webhook-removed C- base.yaml:17:5 webhook petGone (POST): removed (consumers no longer receive it); it was not deprecated: deprecate it first, with an x-sunset date",
    "webhook-added -S head.yaml:18:5 webhook petAdopted (POST): added (the API must send it)",
  ],
  // the same pair as OpenAPI 3.0 with `x-webhooks` (GitHub's form): compared as webhooks, found where written
  "webhooks-30": [
    "enum-value-added C- head.yaml:16:39 webhook newPet (POST) payload (application/json), 'kind': enum value \"bird\" added (clients may receive a value they do not know)",
    "property-added -S head.yaml:15:17 webhook newPet (POST) payload (application/json), 'name': required property added (servers must return it)",
    "webhook-removed C- base.yaml:18:5 webhook petGone (POST): removed (consumers no longer receive it); it was not deprecated: deprecate it first, with an x-sunset date",
    "webhook-added -S head.yaml:19:5 webhook petAdopted (POST): added (the API must send it)",
  ],
};

/** Pairs compared with the deprecation policy on, at a fixed day (the CLI uses today's). */
const OPTIONS: Record<string, DiffOptions> = {
  callbacks: { deprecation: { now: () => new Date("2026-06-01T12:00:00Z"), deprecationDays: 30 } },
  deprecation: { deprecation: { now: () => new Date("2026-06-01T12:00:00Z"), deprecationDays: 30 } },
};

const seen = new Set<string>();

describe("diff rules (base/head pairs)", () => {
  for (const name of readdirSync(PAIRS).sort()) {
    it(name, async () => {
      const changes = diffSpecs(await loadForDiff(path.join(PAIRS, name, "base.yaml")), await loadForDiff(path.join(PAIRS, name, "head.yaml")), OPTIONS[name]);
      for (const c of changes) seen.add(c.id);
      expect(changes.map(line)).toEqual(want[name]);
    });
  }

  it("every pair has its expectations and every rule is pinned by a pair", () => {
    expect(Object.keys(want).sort()).toEqual(readdirSync(PAIRS).sort());
    const pinned = new Set(Object.values(want).flat().map((l) => l.split(" ")[0]));
    expect(Object.keys(RULES).filter((id) => !pinned.has(id))).toEqual([]);
  });

  it("reports nothing between a spec with callbacks and itself, and what its callbacks lose", async () => {
    const file = path.join(ROOT, "test/fixtures/callbacks/openapi.yaml");
    const base = await loadForDiff(file);
    expect(diffSpecs(base, await loadForDiff(file)).map(line)).toEqual([]);
    // the same document, createRefund's $ref'd (shared) callback dropped: the comparison reaches it
    const document = structuredClone(base.document) as { paths: Record<string, { post: { callbacks: Record<string, unknown> } }> };
    delete document.paths["/refunds"]!.post.callbacks.status;
    const changes = diffSpecs(base, { document });
    expect(changes.map((c) => [c.id, c.operation, c.base?.pointer, c.head?.pointer])).toEqual([
      ["callback-removed", "POST /refunds", "/components/callbacks/PaymentStatus/{$request.body#~1notifyUrl}/post", "/paths/~1refunds/post/callbacks"],
    ]);
  });

  it("documents every rule in docs/diff.md", () => {
    const doc = readFileSync(path.join(ROOT, "docs/diff.md"), "utf8");
    expect(Object.keys(RULES).filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
});

/**
 * A webhook's or callback's parts are compared as an operation's with the roles turned around: the API
 * writes the request (parameters, payload) and consumers read it; consumers' receivers write the answer
 * (responses) and the API reads it. Each case is run as a webhook and as a callback, which must agree.
 */
describe("what a webhook or callback sends and what its receiver answers", () => {
  type Op = Record<string, unknown>;
  const ok = { "200": { description: "taken" } };
  const header = (name: string, extra: Op = {}) => ({ name, in: "header", schema: { type: "string" }, ...extra });
  const json = (schema: Op = { type: "object" }) => ({ "application/json": { schema } });
  const cases: Array<{ name: string; given: [Op, Op]; want: string[] }> = [
    { name: "a required header added binds the API, not consumers", given: [{ responses: ok }, { parameters: [header("X-Signature", { required: true })], responses: ok }], want: ["parameter-added -S (the API must send it)"] },
    { name: "an optional header added breaks nobody", given: [{ responses: ok }, { parameters: [header("X-Attempt")], responses: ok }], want: ["parameter-added --"] },
    { name: "a header removed breaks consumers reading it", given: [{ parameters: [header("X-Attempt")], responses: ok }, { responses: ok }], want: ["parameter-removed C- (consumers reading it get nothing)"] },
    { name: "a header made required binds the API", given: [{ parameters: [header("X-Id")], responses: ok }, { parameters: [header("X-Id", { required: true })], responses: ok }], want: ["parameter-became-required -S (the API must always send it)"] },
    { name: "a header made optional breaks consumers", given: [{ parameters: [header("X-Id", { required: true })], responses: ok }, { parameters: [header("X-Id")], responses: ok }], want: ["parameter-became-optional C- (consumers must cope without it)"] },
    { name: "a header's values widened breaks consumers (compared as a response)", given: [{ parameters: [header("X-Kind", { schema: { enum: ["a"] } })], responses: ok }, { parameters: [header("X-Kind", { schema: { enum: ["a", "b"] } })], responses: ok }], want: ["enum-value-added C-"] },
    { name: "a header moved to the query breaks both", given: [{ parameters: [header("id")], responses: ok }, { parameters: [{ name: "id", in: "query", schema: { type: "string" } }], responses: ok }], want: ["parameter-location-changed CS"] },
    { name: "the payload removed: consumers get none, the API must stop sending one", given: [{ requestBody: { content: json() }, responses: ok }, { responses: ok }], want: ["request-body-removed CS (consumers reading it get none; the API must stop sending one)"] },
    { name: "a required payload added binds the API", given: [{ responses: ok }, { requestBody: { required: true, content: json() }, responses: ok }], want: ["request-body-added -S (the API must send it)"] },
    { name: "an optional payload added breaks nobody", given: [{ responses: ok }, { requestBody: { content: json() }, responses: ok }], want: ["request-body-added --"] },
    { name: "the payload made required binds the API", given: [{ requestBody: { content: json() }, responses: ok }, { requestBody: { required: true, content: json() }, responses: ok }], want: ["request-body-became-required -S (the API must always send one)"] },
    { name: "the payload made optional breaks consumers", given: [{ requestBody: { required: true, content: json() }, responses: ok }, { requestBody: { content: json() }, responses: ok }], want: ["request-body-became-optional C- (consumers must cope without one)"] },
    { name: "a payload media type removed breaks consumers reading it and binds the API", given: [{ requestBody: { content: { ...json(), "application/xml": {} } }, responses: ok }, { requestBody: { content: json() }, responses: ok }], want: ["request-media-type-removed CS (consumers reading it get something else; the API must stop sending it)"] },
    { name: "a payload media type added breaks consumers (nobody asked for it)", given: [{ requestBody: { content: json() }, responses: ok }, { requestBody: { content: { ...json(), "application/xml": {} } }, responses: ok }], want: ["request-media-type-added C- (consumers must accept it)"] },
    { name: "a success answer removed: receivers must stop giving it, the API expecting it gets another", given: [{ responses: { "200": { description: "taken" }, "202": { description: "queued" } } }, { responses: { "202": { description: "queued" } } }], want: ["response-status-removed CS (the API expecting it may get another response; consumers must stop returning it)"] },
    { name: "an error answer removed: receivers must stop giving it", given: [{ responses: { ...ok, "410": { description: "unsubscribe" } } }, { responses: ok }], want: ["response-status-removed C- (consumers must stop returning it)"] },
    { name: "a success answer added: the API may not know it", given: [{ responses: ok }, { responses: { ...ok, "202": { description: "queued" } } }], want: ["response-status-added -S (the API written before it may not know how to read this success)"] },
    { name: "an error answer added breaks nobody", given: [{ responses: ok }, { responses: { ...ok, "410": { description: "unsubscribe" } } }], want: ["response-status-added --"] },
    { name: "an answer media type removed: receivers answering with it are refused", given: [{ responses: { "200": { description: "taken", content: { ...json(), "text/plain": {} } } } }, { responses: { "200": { description: "taken", content: json() } } }], want: ["response-media-type-removed C- (consumers sending it are refused)"] },
    { name: "an answer media type added: the API must accept it", given: [{ responses: { "200": { description: "taken", content: json() } } }, { responses: { "200": { description: "taken", content: { ...json(), "text/plain": {} } } } }], want: ["response-media-type-added -S (the API must accept it)"] },
    { name: "an answer header added required: receivers must send it, the API must read it", given: [{ responses: ok }, { responses: { "200": { description: "taken", headers: { "X-Receipt": { required: true, schema: { type: "string" } } } } } }], want: ["response-header-added CS (consumers must send it, the API must read it)"] },
    { name: "an answer header removed breaks receivers' generated code", given: [{ responses: { "200": { description: "taken", headers: { "X-Receipt": { schema: { type: "string" } } } } } }, { responses: ok }], want: ["response-header-removed C- (generated consumers no longer send it; consumers that do send what the API may no longer read)"] },
    { name: "an answer header made optional: the API must cope without it", given: [{ responses: { "200": { description: "taken", headers: { "X-Receipt": { required: true } } } } }, { responses: { "200": { description: "taken", headers: { "X-Receipt": {} } } } }], want: ["response-header-became-optional -S (the API must cope without it)"] },
    { name: "an answer header made required: receivers must always send it", given: [{ responses: { "200": { description: "taken", headers: { "X-Receipt": {} } } } }, { responses: { "200": { description: "taken", headers: { "X-Receipt": { required: true } } } } }], want: ["response-header-became-required C- (consumers must always send it)"] },
    // credentials: the API writes them, consumers' receivers check them
    { name: "credentials required where none were: the API must send them", given: [{ responses: ok }, { security: [{ sig: [] }], responses: ok }], want: ["security-added -S (the API must send credentials)"] },
    { name: "credentials no longer required: receivers that checked them get anonymous calls", given: [{ security: [{ sig: [] }], responses: ok }, { responses: ok }], want: ["security-removed C- (consumers must accept anonymous calls)"] },
    { name: "a new way to authenticate: receivers must accept it", given: [{ security: [{ sig: [] }], responses: ok }, { security: [{ sig: [] }, { mtls: [] }], responses: ok }], want: ["security-requirement-added C- (consumers must accept it)"] },
    { name: "a scope asked for: the API must send credentials with it", given: [{ security: [{ oa: [] }], responses: ok }, { security: [{ oa: ["read"] }], responses: ok }], want: ["security-requirement-scopes-added -S (the API must send credentials with it)"] },
    { name: "a scope no longer asked for: receivers must accept credentials without it", given: [{ security: [{ oa: ["read"] }], responses: ok }, { security: [{ oa: [] }], responses: ok }], want: ["security-requirement-scopes-removed C- (consumers must accept credentials without it)"] },
    { name: "a way to authenticate removed binds the API", given: [{ security: [{ sig: [] }, { mtls: [] }], responses: ok }, { security: [{ sig: [] }], responses: ok }], want: ["security-requirement-removed -S (the API must stop sending credentials that way)"] },
    { name: "an operationId changed renames the generated handler and sender method", given: [{ operationId: "onA", responses: ok }, { operationId: "onB", responses: ok }], want: ["operation-id-changed CS (the wire is unchanged, but the generated receiver's handler and sender's method are renamed)"] },
    { name: "an answer body narrowed breaks receivers (compared as a request)", given: [{ responses: { "200": { description: "taken", content: json({ type: "object", properties: { ok: { type: "boolean" } } }) } } }, { responses: { "200": { description: "taken", content: json({ type: "object", required: ["ok"], properties: { ok: { type: "boolean" } } }) } } }], want: ["property-became-required C-"] },
  ];
  const wrap = {
    webhook: (op: Op) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, webhooks: { hook: { post: op } } }),
    callback: (op: Op) => ({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/subscriptions": { post: { responses: { "201": { description: "subscribed" } }, callbacks: { onEvent: { "{$request.body#/url}": { post: op } } } } } },
    }),
  };
  const brief = (c: Change) => `${c.id} ${c.breaking.client ? "C" : "-"}${c.breaking.server ? "S" : "-"}`;
  it("the document's security is not a webhook's or callback's: changing it changes nothing they send", () => {
    for (const [kind, of] of Object.entries(wrap)) {
      const [base, head] = [of({ responses: ok }), { ...of({ responses: ok }), security: [{ key: [] }] }];
      const changes = diffSpecs({ document: base }, { document: head }).filter((c) => c.message.includes(kind === "webhook" ? "webhook hook" : "callback"));
      expect(changes, kind).toEqual([]);
    }
  });
  for (const { name, given, want: expected } of cases) {
    it(name, () => {
      for (const [kind, of] of Object.entries(wrap)) {
        const changes = diffSpecs({ document: of(given[0]) }, { document: of(given[1]) });
        // a wanted line may end with the reason its message must give, in parentheses
        const got = changes.map((c, i) => {
          const why = expected[i]?.indexOf(" (") ?? -1;
          return why < 0 ? brief(c) : c.message.includes(expected[i]!.slice(why + 1)) ? expected[i] : `${brief(c)}: ${c.message}`;
        });
        expect(got, kind).toEqual(expected);
        expect(changes.every((c) => c.operation === (kind === "webhook" ? "webhook hook (POST)" : "POST /subscriptions")), kind).toBe(true);
      }
    });
  }
});
