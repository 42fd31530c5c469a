import Foundation

extension DocumentsAPI {
    /// This module's paths and schemas in the OpenAPI document (added to Resources/openapi.json when the app starts).
    static let openAPIFragment = #"""
{
  "paths": {
    "/documents": {
      "get": {
        "operationId": "listDocuments",
        "parameters": [
          {
            "in": "query",
            "name": "status",
            "schema": {
              "enum": [
                "in_force",
                "not_in_force"
              ],
              "type": "string"
            }
          },
          {
            "description": "公布年份",
            "in": "query",
            "name": "year",
            "schema": {
              "type": "integer"
            }
          },
          {
            "description": "制定机关的单位编号",
            "in": "query",
            "name": "issuer",
            "schema": {
              "format": "uuid",
              "type": "string"
            }
          },
          {
            "description": "标题、文号或全文中包含的文字",
            "in": "query",
            "name": "q",
            "schema": {
              "maxLength": 100,
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/page"
          },
          {
            "$ref": "#/components/parameters/per"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DocumentPage"
                }
              }
            },
            "description": "一页文件"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        },
        "summary": "已公布的规范性文件（含效力状态）"
      }
    },
    "/documents/{documentID}": {
      "get": {
        "operationId": "getDocument",
        "parameters": [
          {
            "in": "path",
            "name": "documentID",
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
                  "$ref": "#/components/schemas/Document"
                }
              }
            },
            "description": "文件"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        },
        "summary": "一件已公布的规范性文件"
      }
    }
  },
  "schemas": {
    "Document": {
      "properties": {
        "documentNumber": {
          "description": "文号，如 凤政发〔2020〕11号",
          "type": [
            "string",
            "null"
          ]
        },
        "effectiveOn": {
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        },
        "filedOn": {
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        },
        "id": {
          "format": "uuid",
          "type": "string"
        },
        "issuer": {
          "type": "string"
        },
        "issuerKind": {
          "type": [
            "string",
            "null"
          ]
        },
        "publishedOn": {
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        },
        "registrationNumber": {
          "description": "统一登记号",
          "type": [
            "string",
            "null"
          ]
        },
        "republication": {
          "type": "boolean"
        },
        "status": {
          "enum": [
            "notYetEffective",
            "inForce",
            "amendedInForce",
            "expired",
            "repealed",
            "declaredInvalid",
            "superseded",
            null
          ],
          "type": [
            "string",
            "null"
          ]
        },
        "statusLabel": {
          "type": [
            "string",
            "null"
          ]
        },
        "title": {
          "type": "string"
        },
        "validUntil": {
          "description": "有效期届满日；长期有效为 null",
          "format": "date",
          "type": [
            "string",
            "null"
          ]
        }
      },
      "required": [
        "id",
        "title",
        "issuer",
        "republication"
      ],
      "type": "object"
    },
    "DocumentPage": {
      "properties": {
        "items": {
          "items": {
            "$ref": "#/components/schemas/Document"
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
    }
  }
}
"""#
}
