// The unit's number on the tablet: dialled as kept, written as Norwegians write it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatPhone, telHref } from "../../static/js/lib/phone.js";

test("a mobile number reads 3-2-3, a landline 2-2-2-2", () => {
  assert.equal(formatPhone("+4791234567"), "912 34 567");
  assert.equal(formatPhone("+4741234567"), "412 34 567");
  assert.equal(formatPhone("+4722123456"), "22 12 34 56");
});

test("the call button dials the number as the server keeps it", () => {
  assert.equal(telHref("+4791234567"), "tel:+4791234567");
  assert.equal(telHref(""), "");
  assert.equal(telHref(null), "");
});
