// The comment form's captcha: fetch a picture and its token from the intake (the address
// in the form's data-captcha), and again on "Lấy lại mã bảo mật". Same origin only; the
// rest of the page works without script.
(function () {
  var form = document.querySelector("form[data-captcha]");
  if (!form) return;
  var image = document.getElementById("captcha-image");
  var token = form.querySelector("[name=captcha_token]");
  var again = document.getElementById("captcha-new");
  var field = form.querySelector(".captcha");
  function newCode(event) {
    if (event) event.preventDefault();
    fetch(form.getAttribute("data-captcha"), { cache: "no-store", credentials: "same-origin" })
      .then(function (reply) {
        if (reply.status === 404) { field.hidden = true; return null; }
        return reply.json();
      })
      .then(function (code) {
        if (!code) return;
        image.src = code.image;
        token.value = code.token;
        form.querySelector("[name=captcha]").value = "";
      })
      .catch(function () {});
  }
  again.addEventListener("click", newCode);
  newCode();
})();
