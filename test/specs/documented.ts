/**
 * What each API document names, as facts: operations (method + path exactly as documented), their
 * parameters (name + location), request-body field names, response status codes and response field
 * names; and, where the document states them, the required flags, types, defaults and closed value sets
 * of parameters and request fields. Built by reading the five documents in ../shared/api-docs/ in full;
 * the tests never read those documents (a fresh clone does not have them), they check the specs in
 * specs/ against this table.
 *
 * Field paths: segments joined by `.`; a segment ending in `[]` is an array whose items the next
 * segment descends into (`data.customers[].credentials[].bank._id`). Intermediate objects and arrays are
 * listed too, so that each of them is checked for a `type`.
 *
 * Where a spec deliberately departs from the document, the entry carries `decision`: the JSON pointer
 * (into the spec) of the `x-spec-decision` that records it, which is also the pointer under which
 * docs/spec-decisions.md lists the decision. Nothing the document names is left out silently.
 */

export type ApiName = "okra" | "bankingservice" | "customer-v3" | "lumyri" | "onefi";
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type ParamIn = "path" | "query" | "header" | "cookie";

export interface DocumentedParam {
  name: string;
  in: ParamIn;
  /** Whether the document marks it required (left out where it does not say). */
  required?: boolean;
  /** The JSON type the document gives it (the schema's `type` must include it). */
  type?: string;
  /** The default value the document gives. */
  default?: string | number | boolean;
  /**
   * Set when the spec leaves this documented parameter out on purpose: the pointer of the decision
   * (docs/spec-decisions.md). The test then asserts the parameter is absent and the decision recorded.
   */
  omittedBy?: string;
}

/**
 * A documented field: its path, or, where the spec names it differently or leaves it out on purpose,
 * the documented path, the spec's path (`null` = deliberately absent) and the decision's pointer.
 */
export type DocumentedField = string | { path: string; specPath: string | null; decision: string };

export interface DocumentedBody {
  fields: DocumentedField[];
  /** Top-level fields the document marks required: the body schema must require them. */
  required?: string[];
  /** Top-level fields the document marks optional: the body schema must not require them. */
  optional?: string[];
  /** JSON types the document gives, by field path: the field's `type` must include it. */
  types?: Record<string, string>;
  /** Closed sets of values the document gives, by field path: the field's `enum` must hold each value. */
  enums?: Record<string, string[]>;
}

export interface DocumentedResponse {
  /** Status code as documented, or `default`. */
  status: string;
  /** Set when the document gives no status for this reply and the spec chose one (pointer of the decision). */
  decision?: string;
  /** Fields of the documented body (empty when the document shows no body). */
  fields: DocumentedField[];
}

export interface DocumentedOperation {
  method: HttpMethod;
  /** Exactly as documented, trailing slash included. */
  path: string;
  /** Set when the document does not give this method/path plainly and the spec decided it. */
  decision?: string;
  parameters: DocumentedParam[];
  /** Present when the document describes a request body. */
  requestBody?: DocumentedBody;
  responses: DocumentedResponse[];
  /** The document describes the operation as paged; the spec must carry `x-pagination`. */
  paged?: true;
  /**
   * `optional`: the document says the call also works without credentials, so the operation's
   * `security` must also offer the empty requirement `{}` (pointer of the decision).
   */
  security?: { optional: true; decision: string };
}

export type DocumentedScheme =
  | { type: "http"; scheme: "bearer" }
  | { type: "oauth2" }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string };

export interface DocumentedApi {
  api: ApiName;
  /** Spec file, relative to the repository root. */
  spec: string;
  /**
   * Credentials the document shows (or, with `decision`, implies); all of them are sent together, so
   * the root `security` must hold one requirement naming a scheme of each kind.
   */
  security: { schemes: DocumentedScheme[]; decision?: string };
  operations: DocumentedOperation[];
}

// ---------------------------------------------------------------------------------------------------
// Okra (okra-customers.txt)
// ---------------------------------------------------------------------------------------------------

const okraCustomerCoreFields = [
  "_id",
  "email",
  "phone",
  "blocked",
  "last_login",
  "name",
  "env",
  "created_at",
  "last_updated",
  "__v",
];

const okraBankFields = [
  "bank",
  "bank._id",
  "bank.colors",
  "bank.colors.primary",
  "bank.colors.accent",
  "bank.colors.button",
  "bank.colors.icon",
  "bank.icon",
  "bank.logo",
  "bank.name",
  "bank.v2_icon",
  "bank.v2_logo",
];

const okraListedCustomerFields = [
  "_id",
  "credentials",
  ...okraBankFields.map((f) => `credentials[].${f}`),
  "credentials[].nuban",
  "credentials[].accountName",
  "credentials[].connected",
  "record",
  "email",
  "phone",
  "blocked",
  "linkLater",
  "debitLater",
  "unconnected",
  "manual",
  "name",
  "env",
  "created_at",
  "last_updated",
  "__v",
  "last_login",
  "projects",
  "identity",
  "merged",
  "merged_ids",
  "current_project",
  "options",
  "id",
];

const okra: DocumentedApi = {
  api: "okra",
  spec: "specs/okra.yaml",
  // The document shows no credentials; the spec decided on a bearer secret key (docs/spec-decisions.md).
  security: { schemes: [{ type: "http", scheme: "bearer" }], decision: "/components/securitySchemes/bearerAuth" },
  operations: [
    {
      method: "post",
      path: "/customers/list",
      parameters: [],
      // The document lists page/limit as the fields of this POST (a JSON body in the spec).
      // Both typed string by the document; the spec sends integers (a recorded decision), so no `types`.
      requestBody: { fields: ["page", "limit"], required: ["page", "limit"] },
      responses: [
        {
          status: "200",
          fields: [
            "status",
            "message",
            "data",
            "data.customers",
            ...okraListedCustomerFields.map((f) => `data.customers[].${f}`),
            "data.pagination",
            "data.pagination.totalDocs",
            "data.pagination.limit",
            "data.pagination.hasPrevPage",
            "data.pagination.hasNextPage",
            "data.pagination.page",
            "data.pagination.totalPages",
            "data.pagination.pagingCounter",
            "data.pagination.nextPage",
          ],
        },
      ],
      paged: true,
    },
    {
      method: "post",
      path: "/customers/find-customers-by",
      parameters: [],
      requestBody: { fields: ["key", "value"], required: ["key", "value"], types: { key: "string", value: "string" } },
      responses: [
        {
          status: "200",
          fields: ["status", "message", "data", ...okraCustomerCoreFields.map((f) => `data.${f}`)],
        },
      ],
    },
    {
      method: "post",
      path: "/customers/flag",
      parameters: [],
      requestBody: {
        fields: ["bank", "customer"],
        required: ["bank", "customer"],
        types: { bank: "string", customer: "string" },
      },
      // The document shows a status and no body.
      responses: [{ status: "200", fields: [] }],
    },
    {
      method: "post",
      path: "/customers/unflag",
      parameters: [],
      // Marked neither required nor optional (the spec requires all three, a recorded decision).
      requestBody: {
        fields: ["bank", "customer", "unflag"],
        types: { bank: "string", customer: "string", unflag: "boolean" },
      },
      responses: [{ status: "200", fields: [] }],
    },
    {
      method: "post",
      path: "/customers/remove",
      parameters: [],
      requestBody: { fields: ["customer"], required: ["customer"], types: { customer: "string" } },
      responses: [{ status: "200", fields: ["status", "message", "data", "data.success", "data.msg"] }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// bankingservice.ai (bankingservice-customers.txt)
// ---------------------------------------------------------------------------------------------------

const bsAddressFields = [
  "address",
  "address.premise",
  "address.sub_premise",
  "address.building",
  "address.postal_code",
  "address.thoroughfare",
  "address.locality",
  "address.state",
  "address.country",
];

const bsCustomerFields = ["id", "company", "first_name", "last_name", "email", "phone", ...bsAddressFields, "created"];

// The field list names company, first_name, last_name and phone; both request samples also send email
// and address (with its sub-fields), so those are documented too.
const bsCustomerInputFields = ["company", "first_name", "last_name", "phone", "email", ...bsAddressFields];

// Every listed field is marked Optional.
const bsCustomerInput: DocumentedBody = {
  fields: bsCustomerInputFields,
  optional: ["company", "first_name", "last_name", "phone"],
  types: { company: "string", first_name: "string", last_name: "string", phone: "string" },
};

const bsProfileId: DocumentedParam = { name: "profileId", in: "path", required: true, type: "string" };
const bsCustomerId: DocumentedParam = { name: "customerId", in: "path", required: true, type: "string" };

const bankingservice: DocumentedApi = {
  api: "bankingservice",
  spec: "specs/bankingservice.yaml",
  // The samples send an OAuth2 access token as a bearer header (the flow is assumed, see the decision).
  security: { schemes: [{ type: "oauth2" }], decision: "/components/securitySchemes/oauth2" },
  operations: [
    {
      method: "get",
      path: "/v1/profiles/{profileId}/customers",
      parameters: [
        // Documented as a required path parameter, but the path template has no {partnerId}:
        // dropped, see docs/spec-decisions.md.
        { name: "partnerId", in: "path", omittedBy: "/paths/~1v1~1profiles~1{profileId}~1customers/get" },
        bsProfileId,
      ],
      responses: [
        {
          status: "200",
          fields: ["page", "pages", "size", "count", "data", ...bsCustomerFields.map((f) => `data[].${f}`)],
        },
      ],
      paged: true,
    },
    {
      method: "post",
      path: "/v1/profiles/{profileId}/customers",
      parameters: [bsProfileId],
      requestBody: bsCustomerInput,
      responses: [
        { status: "200", fields: bsCustomerFields },
        { status: "400", fields: [] },
      ],
    },
    {
      method: "get",
      path: "/v1/profiles/{profileId}/customers/{customerId}",
      parameters: [bsProfileId, bsCustomerId],
      responses: [
        { status: "200", fields: bsCustomerFields },
        { status: "404", fields: [] },
      ],
    },
    {
      method: "put",
      path: "/v1/profiles/{profileId}/customers/{customerId}",
      parameters: [bsProfileId, bsCustomerId],
      requestBody: bsCustomerInput,
      responses: [
        { status: "200", fields: bsCustomerFields },
        { status: "400", fields: [] },
      ],
    },
    {
      method: "delete",
      path: "/v1/profiles/{profileId}/customers/{customerId}",
      parameters: [bsProfileId, bsCustomerId],
      responses: [
        { status: "200", fields: bsCustomerFields },
        { status: "400", fields: [] },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// Customer API v3 (customer-v3.txt)
// ---------------------------------------------------------------------------------------------------

const v3UpdateFormFields = ["customer_id", "form", "has_errors"];

const customerV3: DocumentedApi = {
  api: "customer-v3",
  spec: "specs/customer-v3.yaml",
  // Authentication is by the session: a session cookie (its name is assumed, see the decision).
  security: {
    schemes: [{ type: "apiKey", in: "cookie", name: "sessionid" }],
    decision: "/components/securitySchemes/sessionCookie",
  },
  operations: [
    {
      method: "get",
      path: "/api/v3/customer/",
      parameters: [],
      responses: [
        {
          status: "200",
          fields: [
            "customer_id",
            "first_name",
            "last_name",
            "mobile",
            // The table row for this field has no key name; the sample names it `email`.
            "email",
            "nationality",
            "dob",
            "gender",
            "passport_number",
            "nation_id_number",
            "language",
            "address",
          ],
        },
        { status: "401", fields: [] },
      ],
    },
    {
      // The method table lists only POST, but the text says GET also serves the form: modelled as its
      // own operation (docs/spec-decisions.md).
      method: "get",
      path: "/api/v3/customer/update/",
      decision: "/paths/~1api~1v3~1customer~1update~1",
      parameters: [],
      responses: [
        { status: "200", fields: v3UpdateFormFields },
        { status: "401", fields: [] },
      ],
    },
    {
      method: "post",
      path: "/api/v3/customer/update/",
      parameters: [],
      // The body follows a form schema that the document never defines: no named fields.
      requestBody: { fields: [] },
      responses: [
        { status: "200", fields: v3UpdateFormFields },
        { status: "401", fields: [] },
      ],
    },
    {
      // The document gives neither URL nor method for reading the language; the spec chose GET on the
      // language URL, with optional credentials (docs/spec-decisions.md).
      method: "get",
      path: "/api/v3/customer/language/",
      decision: "/paths/~1api~1v3~1customer~1language~1/get",
      parameters: [],
      responses: [{ status: "200", fields: ["language", "error_message"] }],
      security: { optional: true, decision: "/paths/~1api~1v3~1customer~1language~1/get" },
    },
    {
      method: "post",
      path: "/api/v3/customer/language/",
      parameters: [],
      requestBody: { fields: ["language"], types: { language: "string" } },
      responses: [{ status: "200", fields: ["language"] }],
      // Documented to work without a signed-in customer too.
      security: { optional: true, decision: "/paths/~1api~1v3~1customer~1language~1/post" },
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// Lumyri (lumyri-customers.txt)
// ---------------------------------------------------------------------------------------------------

// The document shows no status codes at all; every sample reply is modelled as 200 (one decision).
const lumyriStatusDecision = "/paths/~1users~1customers/post/responses/200";

const lumyriAddressFields = [
  "address",
  "address[].category",
  "address[].location",
  "address[].location.name",
  "address[].location.geo",
];

// Fields of the customer as the create, list and update samples carry it.
const lumyriCustomerFields = [
  "id",
  "first_name",
  "last_name",
  "phone",
  "email",
  ...lumyriAddressFields,
  "avatar",
  "labels",
  "company_id",
  "app_id",
];

const lumyriCustomerId: DocumentedParam = { name: "customerId", in: "path", required: true };

const lumyri: DocumentedApi = {
  api: "lumyri",
  spec: "specs/lumyri.yaml",
  // Samples send `Authorization: Bearer ...` and the `x-app-id` header together.
  security: {
    schemes: [
      { type: "http", scheme: "bearer" },
      { type: "apiKey", in: "header", name: "x-app-id" },
    ],
    decision: "/components/securitySchemes/appId",
  },
  operations: [
    {
      method: "post",
      path: "/users/customers",
      parameters: [],
      requestBody: {
        fields: [
          // Parameter list.
          "email",
          "first_name",
          "last_name",
          "phone",
          // Listed as `label_ids`, but the sample sends (and every reply echoes) `labels`: the spec uses
          // `labels` (docs/spec-decisions.md).
          {
            path: "label_ids",
            specPath: "labels",
            decision: "/components/schemas/CreateCustomerRequest/properties/labels",
          },
          ...lumyriAddressFields,
          // Sent by the request sample only.
          "id",
          "avatar",
          "labels",
          "company_id",
          "app_id",
        ],
        required: ["email", "first_name", "last_name"],
        // `label_ids` under its wire name `labels` (see above).
        optional: ["phone", "labels", "address"],
        types: {
          email: "string",
          first_name: "string",
          last_name: "string",
          phone: "string",
          labels: "array",
          address: "array",
          "address[].location": "object",
          "address[].location.name": "string",
          "address[].location.geo": "array",
        },
        enums: { "address[].category": ["Home", "Office", "Other"] },
      },
      responses: [
        {
          status: "200",
          decision: lumyriStatusDecision,
          fields: ["error", "data", ...lumyriCustomerFields.map((f) => `data.${f}`)],
        },
      ],
    },
    {
      method: "get",
      path: "/users/customers",
      parameters: [
        { name: "limit", in: "query", required: false, default: 10 },
        { name: "page", in: "query", required: false, default: 1 },
        { name: "sort_by", in: "query", required: false, default: "name" },
        { name: "order_by", in: "query", required: false, default: "asc" },
        // Not in the parameter list, but the sample request sends `search=`.
        { name: "search", in: "query" },
      ],
      responses: [
        {
          status: "200",
          decision: lumyriStatusDecision,
          fields: [
            "error",
            "data",
            "data.total",
            "data.per_page",
            "data.current_page",
            "data.last_page",
            "data.data",
            ...lumyriCustomerFields.map((f) => `data.data[].${f}`),
          ],
        },
      ],
      paged: true,
    },
    {
      method: "get",
      path: "/users/customers/{customerId}",
      parameters: [lumyriCustomerId],
      responses: [
        {
          status: "200",
          decision: lumyriStatusDecision,
          // Bare object, no envelope; labels expanded under the wire name `lables`; no `avatar`.
          fields: [
            "id",
            "first_name",
            "last_name",
            "phone",
            "email",
            ...lumyriAddressFields,
            "company_id",
            "app_id",
            "lables",
            "lables[].id",
            "lables[].name",
            "lables[].color",
          ],
        },
      ],
    },
    {
      method: "put",
      path: "/users/customers/{customerId}",
      parameters: [lumyriCustomerId],
      requestBody: { fields: lumyriCustomerFields },
      responses: [
        {
          status: "200",
          decision: lumyriStatusDecision,
          fields: ["error", "data", ...lumyriCustomerFields.map((f) => `data.${f}`)],
        },
      ],
    },
    {
      method: "delete",
      path: "/users/customers",
      parameters: [],
      requestBody: { fields: ["customer_ids"] },
      responses: [{ status: "200", decision: lumyriStatusDecision, fields: ["error", "data", "data.message"] }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// OneFi (onefi-user-status.txt)
// ---------------------------------------------------------------------------------------------------

// Neither sample reply has a status: the success body is modelled as 200, the failure body as 200 (anyOf)
// and as `default` (docs/spec-decisions.md).
const onefiStatusDecision = "/paths/~1users~1{customerId}~1status/get/responses/200";

const onefiLoanFields: DocumentedField[] = [
  // Field table (3a-3k; `interest` is listed twice, 3c and 3k, and is one field).
  "offerId",
  "amount",
  "interest",
  "acceptedDate",
  "dueDate",
  "tenure",
  "provider",
  "status",
  // The table spells it `providerloanId`; the sample (and the spec) `providerLoanId`.
  { path: "providerloanId", specPath: "providerLoanId", decision: "/components/schemas/Loan/properties/providerLoanId" },
  "dateCreated",
  // Only in the sample.
  "id",
  "customerId",
  "providerId",
  "providerCode",
  "channelId",
  "channelCode",
  "amountPayable",
  "terms",
  "currency",
  "customerDebitMethod",
  "customerCreditMethod",
  "providerLoanId",
];

const onefi: DocumentedApi = {
  api: "onefi",
  spec: "specs/onefi.yaml",
  // The document names a bearer token header.
  security: { schemes: [{ type: "http", scheme: "bearer" }] },
  operations: [
    {
      method: "get",
      path: "/users/{customerId}/status",
      parameters: [
        { name: "customerId", in: "path", required: true, type: "string" },
        { name: "channelCode", in: "query", required: true, type: "string" },
        // A request field of this GET; the only place for it is the query string.
        { name: "strict", in: "query", required: false, type: "boolean" },
      ],
      responses: [
        {
          status: "200",
          decision: onefiStatusDecision,
          fields: [
            "responseCode",
            "responseMessage",
            "loans",
            ...onefiLoanFields.map((f) =>
              typeof f === "string"
                ? `loans[].${f}`
                : { ...f, path: `loans[].${f.path}`, specPath: f.specPath && `loans[].${f.specPath}` },
            ),
          ],
        },
        { status: "default", decision: onefiStatusDecision, fields: ["responseCode", "responseMessage"] },
      ],
    },
  ],
};

export const documentedApis: DocumentedApi[] = [okra, bankingservice, customerV3, lumyri, onefi];
