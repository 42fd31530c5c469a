import Foundation

extension ReportsAPI {
    /// This module's paths and schemas in the OpenAPI document (added to Resources/openapi.json when the app starts).
    static let openAPIFragment = #"""
{
  "paths": {
    "/reports": {
      "get": {
        "operationId": "listReports",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReportPage"
                }
              }
            },
            "description": "报告列表"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        },
        "summary": "已公布的法治政府建设年度报告（含被修订版本取代的）"
      }
    },
    "/reports/{reportID}": {
      "get": {
        "operationId": "getReport",
        "parameters": [
          {
            "in": "path",
            "name": "reportID",
            "required": true,
            "schema": {
              "format": "uuid",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Report"
                }
              }
            },
            "description": "报告"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        },
        "summary": "一份已公布的年度报告：定稿时冻结的正文、每个数字及其口径截至日期和来源、快照 SHA-256"
      }
    }
  },
  "schemas": {
    "Report": {
      "properties": {
        "figures": {
          "items": {
            "properties": {
              "asOf": {
                "format": "date",
                "type": "string"
              },
              "denominator": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "display": {
                "description": "报告中的写法，如 90余、98%",
                "type": "string"
              },
              "key": {
                "type": "string"
              },
              "label": {
                "type": "string"
              },
              "numerator": {
                "type": "integer"
              },
              "source": {
                "enum": [
                  "computed",
                  "declared"
                ],
                "type": "string"
              }
            },
            "required": [
              "key",
              "label",
              "display",
              "numerator",
              "asOf",
              "source"
            ],
            "type": "object"
          },
          "type": "array"
        },
        "id": {
          "format": "uuid",
          "type": "string"
        },
        "publishedOn": {
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        },
        "region": {
          "type": "string"
        },
        "sections": {
          "items": {
            "properties": {
              "heading": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "key": {
                "type": "string"
              },
              "label": {
                "type": "string"
              },
              "text": {
                "description": "定稿时的正文，每段一行",
                "type": "string"
              }
            },
            "required": [
              "key",
              "label",
              "text"
            ],
            "type": "object"
          },
          "type": "array"
        },
        "signatories": {
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "signedOn": {
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        },
        "snapshotHash": {
          "type": "string"
        },
        "state": {
          "enum": [
            "published",
            "superseded"
          ],
          "type": "string"
        },
        "title": {
          "type": "string"
        },
        "version": {
          "type": "integer"
        },
        "year": {
          "type": "integer"
        }
      },
      "required": [
        "id",
        "year",
        "version",
        "region",
        "title",
        "state",
        "signatories",
        "snapshotHash",
        "sections",
        "figures"
      ],
      "type": "object"
    },
    "ReportPage": {
      "properties": {
        "items": {
          "items": {
            "$ref": "#/components/schemas/ReportSummary"
          },
          "type": "array"
        },
        "page": {
          "type": "integer"
        },
        "per": {
          "type": "integer"
        },
        "total": {
          "type": "integer"
        }
      },
      "required": [
        "items",
        "page",
        "per",
        "total"
      ],
      "type": "object"
    },
    "ReportSummary": {
      "properties": {
        "id": {
          "format": "uuid",
          "type": "string"
        },
        "publishedOn": {
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        },
        "snapshotHash": {
          "description": "定稿快照的 SHA-256（十六进制）",
          "type": [
            "string",
            "null"
          ]
        },
        "state": {
          "enum": [
            "published",
            "superseded"
          ],
          "type": "string"
        },
        "title": {
          "type": "string"
        },
        "version": {
          "type": "integer"
        },
        "year": {
          "type": "integer"
        }
      },
      "required": [
        "id",
        "year",
        "version",
        "title",
        "state"
      ],
      "type": "object"
    }
  }
}
"""#
}
